"""Program models, split by concept."""

from natverk.programs.models.application import Application, InterviewNote
from natverk.programs.models.group import Group, GroupMember, Placement
from natverk.programs.models.program import IntakeQuestion, Program
from natverk.programs.models.run import MatchingRun

__all__ = [
    "Application",
    "Group",
    "GroupMember",
    "IntakeQuestion",
    "InterviewNote",
    "MatchingRun",
    "Placement",
    "Program",
]
