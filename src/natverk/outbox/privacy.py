"""What the outbox holds about a person, for the privacy registry."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from natverk.outbox.models import Message
from natverk.privacy.registry import ERASE_BLANK, PersonalData, Subject, register


def _messages(subject: Subject) -> models.QuerySet[Any]:
    query = Q(to__in=sorted(subject.emails))
    if subject.user_id is not None:
        query |= Q(user_id=subject.user_id)
    return Message.objects.filter(query)


register(
    PersonalData(
        Message,
        _messages,
        fields=(
            "to",
            "subject",
            "body",
            "html",
            "attachments",
            "language",
            "kind",
            "created_at",
            "sent_at",
        ),
        keep=("kind", "created_at", "sent_at"),
        erase=ERASE_BLANK,
        scope="organisation",
        mentions=("subject", "body", "html"),
        label=_("e-mails"),
    )
)
