"""Every page's query count has a ceiling that does not grow with the organisation.

Each page is requested in a small and a larger demo organisation (more members, more
programs, more groups); the same ceiling holds for both, so a loop that queries per
member, group or program (an N+1) fails here. The 10,000-member figures are in
docs/benchmarks.md (bench/load.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from natverk.accounts.demo import DEMO_SLUG, DemoWorld, load_demo
from natverk.meetings.demo import YearSize, load_demo_year
from natverk.programs.models import Application, Group, GroupMember, Program

ORG = f"/o/{DEMO_SLUG}"


@dataclass(frozen=True)
class Size:
    members: int
    year: YearSize


SIZES = {
    "small": Size(60, YearSize(programs=2, groups_per_program=3, group_size=7)),
    "larger": Size(240, YearSize(programs=6, groups_per_program=8, group_size=7)),
}


@dataclass(frozen=True)
class Visit:
    """Who asks for which page; ``post`` data makes it a POST."""

    who: str
    url: str
    post: dict[str, str] | None = None


def _program(world: DemoWorld) -> Program:
    program = Program.objects.filter(organisation=world.organisation, groups__isnull=False)
    return program.order_by("id").first()  # type: ignore[return-value]


def _member_group(world: DemoWorld) -> Group:
    membership = GroupMember.objects.filter(
        application__user=world.member, group__program__status="running"
    ).first()
    assert membership is not None, "the demo member takes part in the running programs"
    return membership.group


def _preview(world: DemoWorld) -> Visit:
    program = _program(world)
    member = GroupMember.objects.filter(group__program=program).order_by("id").first()
    assert member is not None
    target = Group.objects.filter(program=program).exclude(pk=member.group_id).first()
    assert target is not None
    data = {"member": str(member.application_id), "target": f"group:{target.pk}"}
    return Visit("leader", f"{ORG}/programs/{program.pk}/groups/preview/", data)


def _application(world: DemoWorld) -> Visit:
    program = _program(world)
    application = Application.objects.filter(program=program).order_by("id").first()
    assert application is not None
    return Visit("leader", f"{ORG}/programs/{program.pk}/applications/{application.pk}/")


#: page -> (ceiling, how to build the visit). The ceilings are today's counts.
PAGES: dict[str, tuple[int, Callable[[DemoWorld], Visit]]] = {
    "member organisation page": (7, lambda w: Visit("member", f"{ORG}/")),  # + own applications
    "member profile": (4, lambda w: Visit("member", "/accounts/profile/")),  # + own photo
    "member calendar": (
        6,
        lambda w: Visit("member", f"{ORG}/groups/{_member_group(w).pk}/calendar.ics"),
    ),
    "leader organisation page": (6, lambda w: Visit("leader", f"{ORG}/")),
    "leader program list": (5, lambda w: Visit("leader", f"{ORG}/programs/")),  # + counts
    "leader program page": (
        9,
        lambda w: Visit("leader", f"{ORG}/programs/{_program(w).pk}/"),
    ),
    "leader application": (8, _application),
    "leader group editor": (
        11,
        lambda w: Visit("leader", f"{ORG}/programs/{_program(w).pk}/groups/"),
    ),
    "leader group editor preview": (9, _preview),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", PAGES)
def test_page_query_count_stays_under_its_ceiling_at_any_size(
    db: None, client: Client, django_assert_max_num_queries: Any, page: str, size: str
) -> None:
    world = load_demo(members=SIZES[size].members)
    assert load_demo_year(world, SIZES[size].year) == SIZES[size].year.programs
    ceiling, build = PAGES[page]
    visit = build(world)
    client.force_login(world.leader if visit.who == "leader" else world.member)

    def request() -> int:
        if visit.post is None:
            return client.get(visit.url).status_code
        return client.post(visit.url, visit.post, headers={"HX-Request": "true"}).status_code

    assert request() == 200  # a first request fills the caches a running server has
    with django_assert_max_num_queries(ceiling):
        assert request() == 200
