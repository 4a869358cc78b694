"""The demo's meetings: the demo member's group with meetings held and the next ready
(``group``), and, for a large demo, a year of programs, groups and meetings (``year``)."""

from natverk.meetings.demo.group import DemoMeetings, load_demo_meetings
from natverk.meetings.demo.year import YEAR_THEME, YearSize, load_demo_year

__all__ = ["YEAR_THEME", "DemoMeetings", "YearSize", "load_demo_meetings", "load_demo_year"]
