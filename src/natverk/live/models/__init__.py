"""The live app's models, split by concept."""

from natverk.live.models.events import Event, Registration
from natverk.live.models.polls import Poll, Vote
from natverk.live.models.rounds import BreakoutRound, Breakouts
from natverk.live.models.talk import SpeakerTime, TalkRecord, TalkSegment, TranscriptChoice

__all__ = [
    "BreakoutRound",
    "Breakouts",
    "Event",
    "Poll",
    "Registration",
    "SpeakerTime",
    "TalkRecord",
    "TalkSegment",
    "TranscriptChoice",
    "Vote",
]
