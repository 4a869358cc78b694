"""A small world for the live app: an organisation, its leader, a published group of
members with accounts, and the group's meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from natverk.accounts import actions as accounts
from natverk.accounts.models import Organisation, Role, User
from natverk.meetings.models import Meeting
from natverk.programs import actions as programs
from natverk.programs.models import Application, Group, Placement, Program

PASSWORD = "levande-möte-2027"  # noqa: S105
NAMES = (
    "Anna Berg",
    "Björn Öhlsson",
    "Cecilia Dahl",
    "David Ek",
    "Emma Fors",
    "Filip Gran",
    "Greta Holm",
    "Hugo Ivarsson",
)


@dataclass
class LiveWorld:
    """One organisation, a leader, a group with members and three meetings."""

    organisation: Organisation
    leader: User
    program: Program
    group: Group
    members: list[Application] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.organisation.slug


def build_live_world(names: tuple[str, ...] = NAMES, slug: str = "levande") -> LiveWorld:
    """The world, with every member accepted, placed and given an account."""
    organisation = accounts.create_organisation(name="Levande nätverk", slug=slug)
    leader = User.objects.create_user(f"lea@{slug}.example.org", PASSWORD, name="Lea Ledare")
    accounts.add_member(organisation, leader, Role.LEADER)
    program = programs.create_program(organisation, by=leader, title="Kommunikatörer 2027")
    programs.open_intake(program)
    group = Group.objects.create(program=program, number=1)
    world = LiveWorld(organisation, leader, program, group)
    now = timezone.now()
    for k, name in enumerate(names):
        email = f"m{k}@{slug}.example.org"
        user = User.objects.create_user(email, PASSWORD, name=name)
        accounts.add_member(organisation, user, Role.MEMBER)
        application = programs.submit_application(
            program,
            user=user,
            email=email,
            name=name,
            profession="2432",
            industry="35",
            languages="sv, en" if k % 2 else "sv",
            hopes="Lära av andra",
            offers="Erfarenhet",
        )
        programs.set_application_status(application, Application.Status.ACCEPTED)
        Placement.objects.create(application=application, group=group, published_at=now)
        world.members.append(application)
    for number in (1, 2, 3):
        start = now + dt.timedelta(days=7 * (number - 1))
        world.meetings.append(
            Meeting.objects.create(
                group=group, number=number, starts_at=start, ends_at=start + dt.timedelta(hours=2)
            )
        )
    return world


@pytest.fixture
def live_world(db: None) -> LiveWorld:
    return build_live_world()
