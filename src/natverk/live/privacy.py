"""What the live app holds about a person, for the privacy registry.

Talk-time figures are personal data (how long a member spoke): exported, and emptied on
erasure (the meeting keeps its totals, the former member's rows lose their name). Votes
of anonymous polls keep only a hash made with a salt that is erased when the poll closes,
so they are not personal data; votes of named polls are exported and deleted.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from natverk.live.models import (
    BreakoutRound,
    Breakouts,
    Event,
    Poll,
    Registration,
    SpeakerTime,
    TalkRecord,
    TalkSegment,
    TranscriptChoice,
    Vote,
)
from natverk.privacy.registry import (
    ERASE_BLANK,
    ERASE_DELETE,
    ERASE_KEEP,
    PersonalData,
    Subject,
    register,
    register_none,
)
from natverk.programs.privacy import application_filter


def _registrations(subject: Subject) -> models.QuerySet[Any]:
    query = Q(email__in=sorted(subject.emails))
    if subject.user_id is not None:
        query |= Q(user_id=subject.user_id)
    return Registration.objects.filter(query)


def _speaker_times(subject: Subject) -> models.QuerySet[Any]:
    return SpeakerTime.objects.filter(application_filter(subject, "application__"))


def _segments(subject: Subject) -> models.QuerySet[Any]:
    return TalkSegment.objects.filter(application_filter(subject, "application__"))


def _named_votes(subject: Subject) -> models.QuerySet[Any]:
    return Vote.objects.filter(user_id=subject.user_id or 0, poll__anonymous=False)


register(
    PersonalData(
        Registration,
        _registrations,
        fields=("event__theme", "event__starts_at", "name", "email", "languages", "created_at"),
        erase=ERASE_DELETE,
        label="event registrations",
        scope="event__organisation_id",
        names=("name",),
    )
)
register(
    PersonalData(
        SpeakerTime,
        _speaker_times,
        fields=("record__meeting__starts_at", "name", "seconds", "share", "turns", "longest"),
        erase=ERASE_BLANK,
        keep=("seconds", "share", "turns", "longest"),
        label="talk time in meetings",
        scope="record__meeting__group__program__organisation_id",
        names=("name",),
        kept="the meeting's talk-time totals stay, without your name",
    )
)
register(
    PersonalData(
        TalkSegment,
        _segments,
        fields=("record__meeting__starts_at", "label", "start", "end"),
        erase=ERASE_BLANK,
        keep=("start", "end"),
        label="when you spoke in meetings",
        scope="record__meeting__group__program__organisation_id",
        names=("label",),
        kept="when someone spoke stays, without your name",
    )
)
register(
    PersonalData(
        Vote,
        _named_votes,
        fields=("poll__question", "answer"),
        erase=ERASE_DELETE,
        label="answers to named polls",
    )
)
register_none(Event, "an organisation's event: theme, speaker, date, capacity, video link")
register_none(Poll, "a question and its choices")
register_none(Breakouts, "room sizes and who was present, as ids of registrations or applications")
register_none(BreakoutRound, "the rooms of a round, as ids of registrations or applications")
register(
    PersonalData(
        TalkRecord,
        lambda subject: TalkRecord.objects.filter(created_by_id=subject.user_id or 0),
        fields=("meeting__starts_at", "source", "total_seconds", "gini"),
        erase=ERASE_KEEP,
        kept="a meeting's talk-time totals belong to its group; your name is removed",
        label="talk time you recorded as moderator",
        scope="meeting__group__program__organisation_id",
        mentions=("transcript",),
    )
)
register_none(TranscriptChoice, "a group's choice to keep transcript text or not")
