"""Every URL of the site, requested by every role: who may see what.

The URL list is read from the resolver, so a new URL without a row fails the build
(Zulip's rule). Rows live in tests/site/access/<app>.py. Another organisation's objects
answer 404, never 403; a URL's arguments are filled from ``world.values`` by name.
"""

from __future__ import annotations

import pytest
from django.test import Client

from natverk.programs.models import Program
from tests.site.access import ROLES, Row, World
from tests.site.matrix import EXEMPT_PREFIXES, PATTERNS, ROWS, url_for


def test_every_url_has_a_row_in_the_access_matrix() -> None:
    names = {n for n in PATTERNS if not n.startswith(EXEMPT_PREFIXES)}
    assert names - set(ROWS) == set(), "add the new URLs to tests/site/access/<app>.py"
    assert set(ROWS) - names == set(), "rows for URLs that no longer exist"


def _request(client: Client, name: str, row: Row, world: World, role: str) -> int:
    person = world.people[role]
    if person is None:
        client.logout()
    else:
        person.refresh_from_db()  # an earlier row may have ended its sessions
        client.force_login(person)
    # Some actions (opening intake, publishing) move the program on; start each from intake.
    Program.objects.filter(pk=world.program.pk).update(status=Program.Status.INTAKE)
    world.program.refresh_from_db()
    data = row.data(world) if callable(row.data) else row.data
    url = url_for(name, world)
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
