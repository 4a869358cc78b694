"""What feedback holds about a person, for the privacy registry.

Answers are anonymous by construction (no link to the person), so they are neither in a
person's export nor erased with them. Invitations link a person to a survey they were
asked to answer; they are exported and erased.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from natverk.feedback.models import Invitation, Question, Response, Survey
from natverk.privacy.registry import ERASE_DELETE, PersonalData, Subject, register, register_none


def _invitations(subject: Subject) -> models.QuerySet[Any]:
    return Invitation.objects.filter(user_id=subject.user_id or 0)


register(
    PersonalData(
        Invitation,
        _invitations,
        fields=("survey", "sent_on", "used_on"),
        erase=ERASE_DELETE,
        label="survey invitations",
    )
)
register_none(Survey, "a survey of a program or meeting")
register_none(Question, "a leader's question to every member")
register_none(Response, "an anonymous answer: it keeps no link to the person who gave it")
