"""The demo world loaded by `make demo`."""

import pytest
from django.core.management import call_command

from natverk.accounts.demo import DEMO_SLUG, load_demo
from natverk.accounts.models import Membership, Organisation, Profile, User


@pytest.mark.django_db
def test_load_demo_twice_creates_nothing_new() -> None:
    load_demo(members=80)
    counts = (User.objects.count(), Membership.objects.count(), Profile.objects.count())
    load_demo(members=80)
    assert (User.objects.count(), Membership.objects.count(), Profile.objects.count()) == counts


@pytest.mark.django_db
def test_demo_organisation_has_300_members_with_real_codes_and_two_languages(capsys) -> None:
    call_command("load_demo")
    org = Organisation.objects.get(slug=DEMO_SLUG)
    assert org.memberships.count() >= 300
    profiles = Profile.objects.filter(user__memberships__organisation=org)
    assert profiles.exclude(profession="").count() >= 300
    regions = set(profiles.values_list("region", flat=True))
    assert any(r.startswith("SE-") for r in regions) and any(r.startswith("DK-") for r in regions)
    out = capsys.readouterr().out
    assert "lena.ledare@example.org" in out and "password:" in out


@pytest.mark.django_db
def test_demo_people_without_printed_password_cannot_log_in() -> None:
    world = load_demo(members=10)
    ordinary = User.objects.exclude(
        pk__in=[world.leader.pk, world.member.pk, world.admin.pk, world.other_leader.pk]
    ).first()
    assert ordinary is not None and not ordinary.has_usable_password()
