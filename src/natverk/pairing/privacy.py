"""What colleague pairing holds about a person, for the privacy registry."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from natverk.pairing.models import Meetup, MeetupMember, PairingProgram, Participant, Round
from natverk.privacy.registry import ERASE_DELETE, PersonalData, Subject, register, register_none


def participant_filter(subject: Subject, prefix: str = "") -> Q:
    """Participations of the person's account or from one of their addresses."""
    query = Q(**{f"{prefix}email__in": sorted(subject.emails)})
    if subject.user_id is not None:
        query |= Q(**{f"{prefix}user_id": subject.user_id})
    return query


def _participants(subject: Subject) -> models.QuerySet[Any]:
    return Participant.objects.filter(participant_filter(subject))


def _seats(subject: Subject) -> models.QuerySet[Any]:
    return MeetupMember.objects.filter(participant_filter(subject, "participant__"))


register(
    PersonalData(
        Participant,
        _participants,
        fields=(
            "name",
            "email",
            "department",
            "role",
            "location",
            "start_date",
            "languages",
            "language",
            "curious",
            "offers",
            "hopes",
            "status",
            "skip_next",
            "created_at",
        ),
        erase=ERASE_DELETE,
        scope="program__organisation",
        names=("name",),
        mentions=("offers", "hopes"),
        label=_("colleague pairing"),
    )
)
register(
    PersonalData(
        MeetupMember,
        _seats,
        fields=("meetup__round__due_on", "department", "answer", "answered_at"),
        erase=ERASE_DELETE,
        scope="meetup__round__program__organisation",
        label=_("colleague pairing: who you were paired with and whether you met"),
    )
)
register_none(PairingProgram, "a pairing program's settings; its creator is a link to an account")
register_none(Round, "a round's date, number and counts")
register_none(Meetup, "a meetup's number and suggested time; people are linked by MeetupMember")
