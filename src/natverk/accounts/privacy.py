"""What accounts hold about a person, for the privacy registry."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from natverk.accounts.models import (
    EmailConfirmation,
    Invitation,
    Membership,
    Organisation,
    Photo,
    Profile,
    RateCounter,
    User,
)
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
        fields=(
            "email",
            "name",
            "preferred_language",
            "date_joined",
            "last_login",
            "mail_paused_until",
        ),
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
            "phone",
        ),
        erase=ERASE_DELETE,
        label=_("profile"),
    )
)


register(
    PersonalData(
        Photo,
        _by_user(Photo),
        fields=("content_type", "data", "updated_at"),
        erase=ERASE_DELETE,
        label=_("photo"),
    )
)


def _by_address_or_user(model: type[models.Model], user_field: str) -> Any:
    def rows(subject: Subject) -> models.QuerySet[Any]:
        query = Q(email__in=sorted(subject.emails))
        if subject.user_id is not None:
            query |= Q(**{user_field: subject.user_id})
        return model._default_manager.filter(query)

    return rows


register(
    PersonalData(
        Invitation,
        _by_address_or_user(Invitation, "accepted_by_id"),
        fields=(
            "organisation__name",
            "email",
            "name",
            "language",
            "role",
            "title",
            "sent_at",
            "accepted_at",
        ),
        erase=ERASE_DELETE,
        scope="organisation",
        names=("name",),
        label=_("invitations"),
    )
)
register(
    PersonalData(
        EmailConfirmation,
        _by_address_or_user(EmailConfirmation, "user_id"),
        fields=("purpose", "email", "payload", "created_at", "used_at"),
        erase=ERASE_DELETE,
        label=_("e-mail confirmations"),
    )
)
register_none(Organisation, "an organisation's name and settings")
register_none(
    RateCounter, "attempts per time window under a digest of an address; gone when the window ends"
)
