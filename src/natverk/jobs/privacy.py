"""Job schedules hold no personal data."""

from natverk.jobs.models import PeriodicJob
from natverk.privacy.registry import register_none

register_none(PeriodicJob, "names and times of periodic jobs")
