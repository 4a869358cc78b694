"""What meetings hold about a person, for the privacy registry."""

from __future__ import annotations

from natverk.meetings.models import Meeting
from natverk.privacy.registry import register_none

register_none(Meeting, "a group's meeting date, theme and calendar sequence")
