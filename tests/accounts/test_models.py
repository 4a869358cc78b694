"""People, organisations, roles and profiles."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from natverk.accounts import actions
from natverk.accounts.models import Membership, Profile, Role, User


@pytest.mark.django_db
def test_users_log_in_by_normalised_email() -> None:
    user = User.objects.create_user("Anna.Berg@Example.ORG", "s3cret-pass-123", name="Anna Berg")
    assert user.email == "anna.berg@example.org"
    assert user.check_password("s3cret-pass-123")
    assert user.get_short_name() == "Anna"


@pytest.mark.django_db
def test_create_user_requires_email() -> None:
    with pytest.raises(ValueError, match="e-mail"):
        User.objects.create_user("", "x", name="Nobody")


@pytest.mark.django_db
def test_a_person_has_one_membership_per_organisation_and_role_changes_in_place() -> None:
    org = actions.create_organisation(name="Org", slug="org")
    user = User.objects.create_user("a@example.org", None, name="A")
    actions.add_member(org, user, Role.MEMBER)
    actions.add_member(org, user, Role.LEADER)
    assert Membership.objects.get(organisation=org, user=user).role == Role.LEADER
    with pytest.raises(IntegrityError):
        Membership.objects.create(organisation=org, user=user, role=Role.MEMBER)


@pytest.mark.django_db
def test_profile_rejects_unknown_codes_and_non_linkedin_urls() -> None:
    user = User.objects.create_user("b@example.org", None, name="B")
    profile = Profile.objects.create(user=user)
    with pytest.raises(ValidationError) as info:
        actions.update_profile(
            profile,
            profession="9999",
            industry="ZZ",
            region="SE-XX",
            linkedin_url="https://evil.example.com/in/b",
        )
    assert set(info.value.message_dict) == {"profession", "industry", "region", "linkedin_url"}
    profile.refresh_from_db()
    assert profile.profession == ""


@pytest.mark.django_db
def test_profile_accepts_real_codes() -> None:
    user = User.objects.create_user("c@example.org", None, name="C")
    profile = Profile.objects.create(user=user)
    actions.update_profile(
        profile,
        profession="2432",
        industry="35.11",
        region="SE-AB",
        linkedin_url="https://www.linkedin.com/in/c",
        languages="sv, en",
    )
    assert profile.language_codes == ("sv", "en")


def test_a_broken_linkedin_address_is_refused_not_a_crash() -> None:
    import pytest
    from django.core.exceptions import ValidationError

    from natverk.accounts.models.profile import validate_linkedin

    with pytest.raises(ValidationError):
        validate_linkedin("https://[www.linkedin.com/in/x")
