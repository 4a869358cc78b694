"""Every change to accounts goes through one of these named functions."""

from __future__ import annotations

from django.db import transaction

from natverk.accounts.models import Membership, Organisation, Profile, Role, User


@transaction.atomic
def create_organisation(
    *, name: str, slug: str, kind: str = Organisation.Kind.ASSOCIATION, country: str = "SE"
) -> Organisation:
    """Create an organisation (a tenant)."""
    organisation = Organisation(name=name, slug=slug, kind=kind, country=country)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def add_member(organisation: Organisation, user: User, role: str = Role.MEMBER) -> Membership:
    """Give a person a role in an organisation (or change the role they have)."""
    membership, created = Membership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    Profile.objects.get_or_create(user=user)
    return membership


def set_preferred_language(user: User, language: str) -> None:
    """Remember the interface language a person chose."""
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def update_profile(profile: Profile, **fields: str) -> Profile:
    """Change a profile's fields after validating them all."""
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean(exclude=["user"])
    profile.save(update_fields=list(fields))
    return profile
