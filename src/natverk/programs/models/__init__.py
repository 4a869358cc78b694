"""Program models, split by concept."""

from natverk.programs.models.application import Application, ApplicationFile, InterviewNote
from natverk.programs.models.board import BoardPost
from natverk.programs.models.goal import Goal
from natverk.programs.models.group import Group, GroupMember, Placement
from natverk.programs.models.participation import Participation
from natverk.programs.models.program import IntakeQuestion, Program
from natverk.programs.models.run import MatchingRun

__all__ = [
    "Application",
    "ApplicationFile",
    "BoardPost",
    "Goal",
    "Group",
    "GroupMember",
    "IntakeQuestion",
    "InterviewNote",
    "MatchingRun",
    "Participation",
    "Placement",
    "Program",
]
