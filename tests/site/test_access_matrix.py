"""Every URL of the site, requested by every role: who may see what.

The URL list is read from the resolver, so a new URL without a row fails the build
(Zulip's rule). Rows live in tests/site/access/<app>.py. Another organisation's objects
answer 404, never 403; a URL's arguments are filled from ``world.values`` by name.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.site.access as access_rows
from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.meetings.publishing import publish_changes
from natverk.programs.models import Group, MatchingRun, Program
from tests.programs.conftest import run_worker
from tests.site.access import ROLES, Row, World

# Covered by their own tests: the Django admin (staff only) and the API (tests/accounts).
EXEMPT_PREFIXES = ("admin:", "api-")


def _modules() -> list[Any]:
    return [
        importlib.import_module(f"tests.site.access.{m.name}")
        for m in pkgutil.iter_modules(access_rows.__path__)
    ]


def _rows() -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for module in _modules():
        overlap = set(rows) & set(module.ROWS)
        assert not overlap, f"URL names listed twice: {overlap}"
        rows |= module.ROWS
    return rows


ROWS = _rows()


def _patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            namespace = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _patterns(p.url_patterns, namespace)
        elif p.name:
            yield prefix + p.name, p


PATTERNS = dict(_patterns(get_resolver().url_patterns))


def test_every_url_has_a_row_in_the_access_matrix() -> None:
    names = {n for n in PATTERNS if not n.startswith(EXEMPT_PREFIXES)}
    assert names - set(ROWS) == set(), "add the new URLs to tests/site/access/<app>.py"
    assert set(ROWS) - names == set(), "rows for URLs that no longer exist"


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
    for module in _modules():
        if hasattr(module, "populate"):
            module.populate(world)
    return world


def _url(name: str, world: World) -> str:
    converters = getattr(PATTERNS[name].pattern, "converters", {})
    return reverse(name, kwargs={key: world.values[key] for key in converters})


def _request(client: Client, name: str, row: Row, world: World, role: str) -> int:
    person = world.people[role]
    if person is None:
        client.logout()
    else:
        client.force_login(person)
    # Some actions (opening intake, publishing) move the program on; start each from intake.
    Program.objects.filter(pk=world.program.pk).update(status=Program.Status.INTAKE)
    world.program.refresh_from_db()
    data = row.data(world) if callable(row.data) else row.data
    url = _url(name, world)
    response = client.get(url, data) if row.method == "GET" else client.post(url, data)
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client: Client, world: World, role: str) -> None:
    failures = []
    ordered = sorted(ROWS.items(), key=lambda item: item[1].last)
    for name, row in ordered:
        status = _request(client, name, row, world, role)
        if status != row.status_for(role):
            failures.append(f"{row.method} {name} as {role}: {status} != {row.status_for(role)}")
    assert failures == []
