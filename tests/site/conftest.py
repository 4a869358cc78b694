"""The world every site-wide test requests pages in: the demo organisation with a
matched and published program, its people by role, and the objects each app's URLs need."""

from __future__ import annotations

import pytest
from django.test import Client

from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.meetings.publishing import publish_changes
from natverk.programs.models import Group, MatchingRun
from tests.programs.conftest import run_worker
from tests.site.access import World
from tests.site.matrix import access_modules


@pytest.fixture
def world(demo: DemoWorld, client: Client) -> World:
    from natverk.programs.demo import load_demo_program

    program = load_demo_program(demo, applicants=24)
    client.force_login(demo.leader)
    client.post(f"/o/{DEMO_SLUG}/programs/{program.pk}/runs/")
    run_worker()
    client.logout()
    publish_changes(program)
    group = Group.objects.filter(program=program).first()
    assert group is not None
    application = group.members.select_related("application").first().application  # type: ignore[union-attr]
    run = MatchingRun.objects.filter(program=program).first()
    assert run is not None
    world = World(
        demo=demo,
        program=program,
        people={
            "anonymous": None,
            "member": demo.member,
            "group_member": application.user,
            "leader": demo.leader,
            "admin": demo.admin,
            "other_leader": demo.other_leader,
        },
        values={
            "slug": DEMO_SLUG,
            "program_id": program.pk,
            "application_id": application.pk,
            "run_id": run.pk,
            "group_id": group.pk,
            "token": program.apply_token,
        },
    )
    for module in access_modules():
        if hasattr(module, "populate"):
            module.populate(world)
    return world
