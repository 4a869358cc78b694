"""Every URL of the site, requested by every role: who may see what.

The URL list is read from the resolver, so a new URL without a row here fails the
build (Zulip's rule). Another organisation's objects answer 404, never 403.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.accounts.models import User
from natverk.programs.models import Group, MatchingRun, Program
from tests.programs.conftest import run_worker

ROLES = ("anonymous", "member", "leader", "other_leader")
LOGIN = 302  # anonymous people are sent to the login page

# name: (method, {role: expected status})
MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "home": ("GET", {"anonymous": 302, "member": 302, "leader": 302, "other_leader": 302}),
    "set_language": ("POST", {"anonymous": 302, "member": 302, "leader": 302, "other_leader": 302}),
    "accounts:login": (
        "GET",
        {"anonymous": 200, "member": 302, "leader": 302, "other_leader": 302},
    ),
    "accounts:logout": (
        "POST",
        {"anonymous": 302, "member": 302, "leader": 302, "other_leader": 302},
    ),
    "accounts:profile": (
        "GET",
        {"anonymous": LOGIN, "member": 200, "leader": 200, "other_leader": 200},
    ),
    "accounts:dashboard": (
        "GET",
        {"anonymous": LOGIN, "member": 302, "leader": 302, "other_leader": 302},
    ),
    "accounts:organisation": (
        "GET",
        {"anonymous": LOGIN, "member": 200, "leader": 200, "other_leader": 404},
    ),
    "programs:list": (
        "GET",
        {"anonymous": LOGIN, "member": 404, "leader": 200, "other_leader": 404},
    ),
    "programs:detail": (
        "GET",
        {"anonymous": LOGIN, "member": 404, "leader": 200, "other_leader": 404},
    ),
    "programs:open": (
        "POST",
        {"anonymous": LOGIN, "member": 404, "leader": 302, "other_leader": 404},
    ),
    "programs:application": (
        "GET",
        {"anonymous": LOGIN, "member": 404, "leader": 200, "other_leader": 404},
    ),
    "programs:application_status": (
        "POST",
        {"anonymous": LOGIN, "member": 404, "leader": 302, "other_leader": 404},
    ),
    "programs:start_run": (
        "POST",
        {"anonymous": LOGIN, "member": 404, "leader": 302, "other_leader": 404},
    ),
    "programs:run": (
        "GET",
        {"anonymous": LOGIN, "member": 404, "leader": 200, "other_leader": 404},
    ),
    "programs:groups": (
        "GET",
        {"anonymous": LOGIN, "member": 404, "leader": 200, "other_leader": 404},
    ),
    "programs:preview": (
        "POST",
        {"anonymous": LOGIN, "member": 404, "leader": 200, "other_leader": 404},
    ),
    "programs:change": (
        "POST",
        {"anonymous": LOGIN, "member": 404, "leader": 302, "other_leader": 404},
    ),
    "programs:lock": (
        "POST",
        {"anonymous": LOGIN, "member": 404, "leader": 302, "other_leader": 404},
    ),
    "programs:video": (
        "POST",
        {"anonymous": LOGIN, "member": 404, "leader": 302, "other_leader": 404},
    ),
    "programs:add_question": (
        "POST",
        {"anonymous": LOGIN, "member": 404, "leader": 302, "other_leader": 404},
    ),
    "programs:publish": (
        "POST",
        {"anonymous": LOGIN, "member": 404, "leader": 302, "other_leader": 404},
    ),
    "programs:apply": (
        "GET",
        {"anonymous": 200, "member": 200, "leader": 200, "other_leader": 200},
    ),
    "meetings:calendar": (
        "GET",
        {"anonymous": LOGIN, "member": 404, "leader": 200, "other_leader": 404},
    ),
}
# Covered by their own tests: the Django admin (staff only) and the API (tests/accounts).
EXEMPT_PREFIXES = ("admin:", "api-")


def _names(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for p in patterns:
        if isinstance(p, URLResolver):
            namespace = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _names(p.url_patterns, namespace)
        elif p.name:
            yield prefix + p.name


def test_every_url_has_a_row_in_the_access_matrix() -> None:
    names = {n for n in _names(get_resolver().url_patterns) if not n.startswith(EXEMPT_PREFIXES)}
    assert names - set(MATRIX) == set(), "add the new URLs to MATRIX"


@pytest.fixture
def world(demo: DemoWorld, client: Client) -> dict[str, object]:
    from natverk.programs.demo import load_demo_program

    program = load_demo_program(demo, applicants=24)
    client.force_login(demo.leader)
    client.post(f"/o/{DEMO_SLUG}/programs/{program.pk}/runs/")
    run_worker()
    client.logout()
    return {"demo": demo, "program": program}


def _kwargs(name: str, program: Program) -> dict[str, object]:
    run = MatchingRun.objects.filter(program=program).first()
    group = Group.objects.filter(program=program).first()
    assert run is not None and group is not None
    application = group.members.first().application  # type: ignore[union-attr]
    values: dict[str, object] = {
        "slug": DEMO_SLUG,
        "program_id": program.pk,
        "application_id": application.pk,
        "run_id": run.pk,
        "group_id": group.pk,
        "token": program.apply_token,
    }
    from django.urls import reverse

    for candidate in (
        {},
        {"slug": DEMO_SLUG},
        {"token": program.apply_token},
        {k: values[k] for k in ("slug", "program_id")},
        {k: values[k] for k in ("slug", "group_id")},
        {k: values[k] for k in ("slug", "program_id", "application_id")},
        {k: values[k] for k in ("slug", "program_id", "run_id")},
        {k: values[k] for k in ("slug", "program_id", "group_id")},
    ):
        try:
            reverse(name, kwargs=candidate)
            return candidate
        except Exception:  # noqa: S112 -- try the next shape of arguments
            continue
    raise AssertionError(f"cannot build a URL for {name}")


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client: Client, world: dict[str, object], role: str) -> None:
    from django.urls import reverse

    demo = world["demo"]
    program = world["program"]
    assert isinstance(demo, DemoWorld) and isinstance(program, Program)
    people: dict[str, User | None] = {
        "anonymous": None,
        "member": demo.member,
        "leader": demo.leader,
        "other_leader": demo.other_leader,
    }
    failures = []
    for name, (method, expected) in MATRIX.items():
        if name in ("accounts:logout",):
            continue  # logging out would end the session for the rest of the loop
        person = people[role]
        if person is None:
            client.logout()
        else:
            client.force_login(person)
        program.status = Program.Status.INTAKE
        program.save(update_fields=["status"])
        url = reverse(name, kwargs=_kwargs(name, program))
        data = {
            "status": "accepted",
            "locked": "0",
            "language": "sv",
            "text": "Fråga?",
            "video_url": "https://meet.jit.si/natverk-test",
        }
        if name in ("programs:preview", "programs:change"):
            groups = list(Group.objects.filter(program=program))
            first = groups[0].members.first()
            second = groups[-1].members.first()
            assert first is not None and second is not None
            data = {"member": str(first.application_id), "target": f"swap:{second.application_id}"}
        response = client.get(url) if method == "GET" else client.post(url, data)
        if response.status_code != expected[role]:
            failures.append(
                f"{method} {name} as {role}: {response.status_code} != {expected[role]}"
            )
    assert failures == []
