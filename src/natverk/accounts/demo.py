"""The demo world: one realistic member organisation and a small company beside it.

``make demo`` loads it and the tests use the same world (one fixture world, as
Zulip's populate_db). Loading twice changes nothing: the organisations are found by
their slugs and the people by their e-mail addresses.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from natverk.accounts import actions
from natverk.accounts.models import Membership, Organisation, Profile, Role, User
from natverk.cohorts import generate_cohort
from natverk.matching.applicant import Applicant

DEMO_SLUG = "akademikerna"
OTHER_SLUG = "nordljus-energi"
LEADER_EMAIL = "lena.ledare@example.org"
MEMBER_EMAIL = "magnus.medlem@example.org"
OTHER_LEADER_EMAIL = "oskar.ledare@example.org"
ADMIN_EMAIL = "admin@example.org"
#: Demo passwords, printed by ``make demo``; never use the demo data in production.
LEADER_PASSWORD = "natverk-ledare-2027"  # noqa: S105
MEMBER_PASSWORD = "natverk-medlem-2027"  # noqa: S105
ADMIN_PASSWORD = "natverk-admin-2027"  # noqa: S105

_DEPARTMENTS: dict[str, str] = {
    "2423": "HR",
    "1212": "HR",
    "2432": "Kommunikation",
    "1222": "Kommunikation",
    "2431": "Marknad",
    "2631": "Analys",
    "2411": "Ekonomi",
    "2413": "Ekonomi",
    "1211": "Ekonomi",
    "2511": "IT",
    "2512": "IT",
    "2611": "Juridik",
    "2421": "Verksamhetsutveckling",
    "2422": "Utredning",
    "2634": "HR",
    "2635": "Stöd",
    "2622": "Bibliotek",
    "2149": "Teknik",
}


@dataclass(frozen=True)
class DemoWorld:
    """Handles on the demo world's organisations and the people with passwords."""

    organisation: Organisation
    other_organisation: Organisation
    leader: User
    member: User
    other_leader: User
    admin: User


def _person(email: str, name: str, password: str | None, language: str = "sv") -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, password, name=name, preferred_language=language)
    return user


def _members(organisation: Organisation, cohort: list[Applicant]) -> None:
    """Create the cohort's people, memberships and profiles in bulk (no login)."""
    unusable = make_password(None)
    existing = set(
        User.objects.filter(email__in=[a.email for a in cohort]).values_list("email", flat=True)
    )
    new = [a for a in cohort if a.email not in existing]
    User.objects.bulk_create(
        User(
            email=a.email,
            name=a.name,
            password=unusable,
            preferred_language="da" if a.region.startswith("DK") else "sv",
        )
        for a in new
    )
    users = {u.email: u for u in User.objects.filter(email__in=[a.email for a in new])}
    Membership.objects.bulk_create(
        Membership(organisation=organisation, user=users[a.email], role=Role.MEMBER) for a in new
    )
    Profile.objects.bulk_create(
        Profile(
            user=users[a.email],
            profession=a.profession,
            industry=a.industry,
            employer=a.employer,
            department=_DEPARTMENTS.get(a.profession, ""),
            region=a.region,
            seniority=a.seniority,
            languages=", ".join(a.languages),
            bio=a.offers,
        )
        for a in new
    )


@transaction.atomic
def load_demo(*, members: int = 300, seed: int = 2027) -> DemoWorld:
    """Create (or find) the demo world; idempotent."""
    organisation = Organisation.objects.filter(
        slug=DEMO_SLUG
    ).first() or actions.create_organisation(
        name="Akademikerna – nätverk för akademiker", slug=DEMO_SLUG
    )
    other = Organisation.objects.filter(slug=OTHER_SLUG).first() or actions.create_organisation(
        name="Nordljus Energi AB", slug=OTHER_SLUG, kind=Organisation.Kind.COMPANY
    )
    leader = _person(LEADER_EMAIL, "Lena Ledare", LEADER_PASSWORD)
    member = _person(MEMBER_EMAIL, "Magnus Medlem", MEMBER_PASSWORD)
    other_leader = _person(OTHER_LEADER_EMAIL, "Oskar Ledare", LEADER_PASSWORD)
    admin = User.objects.filter(email=ADMIN_EMAIL).first() or User.objects.create_superuser(
        ADMIN_EMAIL, ADMIN_PASSWORD, name="Demo Admin"
    )
    actions.add_member(organisation, leader, Role.LEADER)
    actions.add_member(organisation, admin, Role.ADMIN)
    actions.add_member(organisation, member, Role.MEMBER)
    actions.add_member(other, other_leader, Role.LEADER)
    actions.update_profile(
        Profile.objects.get(user=member),
        profession="2432",
        industry="35.11",
        employer="Vattenfall AB",
        department="Kommunikation",
        region="SE-AB",
        seniority="mid",
        languages="sv, en",
        bio="Kommunikatör med fokus på kriskommunikation.",
    )
    _members(organisation, generate_cohort(members, seed=seed))
    _members(other, generate_cohort(40, seed=seed + 1, domain="nordljus.example.org"))
    return DemoWorld(organisation, other, leader, member, other_leader, admin)
