"""What networks hold about a person, for the privacy registry.

Everything here is the member's own: their networks, reviews and reminder setting are in
their data export and deleted with them. Nobody else ever sees them.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.networks.models import Network, NetworkSettings, Review
from natverk.privacy.registry import ERASE_DELETE, PersonalData, Subject, register


def _owned(model: type[models.Model], path: str = "owner_id") -> Any:
    def rows(subject: Subject) -> models.QuerySet[Any]:
        return model._default_manager.filter(**{path: subject.user_id or 0})

    return rows


register(
    PersonalData(
        Network,
        _owned(Network),
        fields=("kind", "name", "purpose", "hours_per_month", "cost", "status", "created_at"),
        erase=ERASE_DELETE,
        mentions=("purpose",),
        label=_("your networks"),
    )
)
register(
    PersonalData(
        Review,
        _owned(Review, "network__owner_id"),
        fields=("network__name", "quarter", "value", "energy", "gave", "got", "updated_at"),
        erase=ERASE_DELETE,
        mentions=("gave", "got"),
        label=_("reviews of your networks"),
    )
)
register(
    PersonalData(
        NetworkSettings,
        _owned(NetworkSettings),
        fields=("review_reminders", "last_reminded_quarter"),
        erase=ERASE_DELETE,
        label=_("network settings"),
    )
)
