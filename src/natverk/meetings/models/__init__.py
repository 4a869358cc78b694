"""The meetings app's models, split by concept."""

from natverk.meetings.models.agenda import AgendaItem, AgendaTemplate, BlockKind, TemplateBlock
from natverk.meetings.models.meeting import Meeting
from natverk.meetings.models.notes import ActionItem, PrivateNote, SharedNote
from natverk.meetings.models.parking import ParkingQuestion
from natverk.meetings.models.run import Attendance, OpeningTurn
from natverk.meetings.models.themes import ThemeProposal, ThemeVote

__all__ = [
    "ActionItem",
    "AgendaItem",
    "AgendaTemplate",
    "Attendance",
    "BlockKind",
    "Meeting",
    "OpeningTurn",
    "ParkingQuestion",
    "PrivateNote",
    "SharedNote",
    "TemplateBlock",
    "ThemeProposal",
    "ThemeVote",
]
