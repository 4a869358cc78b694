"""What accounts hold about a person, for the privacy registry."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.accounts.models import Membership, Organisation, Profile, User
from natverk.privacy.registry import (
    ERASE_DELETE,
    PersonalData,
    Subject,
    register,
    register_none,
)


def _user_rows(subject: Subject) -> models.QuerySet[Any]:
    return User.objects.filter(pk=subject.user_id or 0)


def _by_user(model: type[models.Model]) -> Any:
    def rows(subject: Subject) -> models.QuerySet[Any]:
        return model._default_manager.filter(user_id=subject.user_id or 0)

    return rows


register(
    PersonalData(
        User,
        _user_rows,
        fields=("email", "name", "preferred_language", "date_joined", "last_login"),
        erase=ERASE_DELETE,
        names=("name",),
        label=_("account"),
    )
)
register(
    PersonalData(
        Membership,
        _by_user(Membership),
        fields=("organisation__name", "role", "created_at"),
        scope="organisation",
        label=_("memberships"),
    )
)
register(
    PersonalData(
        Profile,
        _by_user(Profile),
        fields=(
            "profession",
            "industry",
            "employer",
            "department",
            "region",
            "seniority",
            "languages",
            "bio",
            "linkedin_url",
        ),
        erase=ERASE_DELETE,
        label=_("profile"),
    )
)
register_none(Organisation, "an organisation's name and settings")
