"""Pairing models, split by concept."""

from natverk.pairing.models.participant import Participant
from natverk.pairing.models.program import PairingProgram
from natverk.pairing.models.round import Meetup, MeetupMember, Round

__all__ = ["Meetup", "MeetupMember", "PairingProgram", "Participant", "Round"]
