"""Random and hostile values posted to every form of the site never give a 500.

The forms are found by reading every page of the access matrix as a leader, as an
administrator (pages only they see, such as colleague pairing) and as a visitor: each
<form>'s action and field names. Hypothesis then posts values a careless or hostile user
would type: empty, huge, NUL bytes, line breaks, markup, dates in the year 9999, numbers
out of range, other organisations' ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natverk.accounts.models import User
from natverk.programs.models import Program
from tests.site.access import World
from tests.site.matrix import ROWS, url_for

#: URLs whose POST ends the session for the rest of the test.
SKIP = {"accounts:logout"}


@dataclass(frozen=True)
class Form:
    """One form found on a page: where it posts and which fields it has."""

    page: str
    action: str
    fields: tuple[str, ...]
    role: str


class _Forms(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.forms: list[tuple[str, list[str]]] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "form" and (values.get("method") or "get").lower() == "post":
            action = values.get("action") or values.get("hx-post") or self.page
            self._current = []
            self.forms.append((action, self._current))
        elif tag == "form" and values.get("hx-post"):
            self._current = []
            self.forms.append((values["hx-post"] or self.page, self._current))
        elif tag in ("input", "select", "textarea", "button") and self._current is not None:
            name = values.get("name")
            if name and name != "csrfmiddlewaretoken":
                self._current.append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def _forms(client: Client, world: World) -> list[Form]:
    """Every distinct form (one per kind of URL and set of fields)."""
    found: dict[tuple[str, tuple[str, ...]], Form] = {}
    Program.objects.filter(pk=world.program.pk).update(status=Program.Status.INTAKE)
    for role in ("leader", "admin", "anonymous"):
        person = world.people[role]
        if isinstance(person, User):
            client.force_login(person)
        else:
            client.logout()
        for name, row in ROWS.items():
            if name in SKIP:
                continue
            url = url_for(name, world)
            if row.method == "POST":
                if row.status_for(role) >= 400:
                    continue  # found again as someone who may post it
                data = row.data(world) if callable(row.data) else row.data
                key = (re.sub(r"\d+", "N", url), tuple(sorted(data)))
                found.setdefault(key, Form(url, url, tuple(sorted(data)), role))
                continue
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = _Forms(url)
            parser.feed(response.content.decode())
            for action, fields in parser.forms:
                if action.startswith(("http", "mailto")) or "logout" in action:
                    continue
                key = (re.sub(r"\d+", "N", action), tuple(sorted(set(fields))))
                found.setdefault(key, Form(url, action, key[1], role))
    return list(found.values())


HOSTILE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "rad ett\nrad två",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "=1+1",
            "9999-12-31",
            "0000-00-00",
            "-1",
            "99999999999999999999",
            "nan",
            "group:999999",
            "swap:1",
            "x" * 5000,
            "å" * 300 + "@example.org",
            "a" * 300 + "@example.org",
            "https://" + "a" * 300 + ".example",
            "🦄" * 50,
        ]
    ),
)


@pytest.mark.slow
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_form_answers_500_to_hostile_values(
    client: Client, world: World, data: st.DataObject
) -> None:
    forms = getattr(test_no_form_answers_500_to_hostile_values, "_forms", None)
    if forms is None or forms[0] is not world:
        forms = (world, _forms(client, world))
        test_no_form_answers_500_to_hostile_values._forms = forms  # type: ignore[attr-defined]
    form = data.draw(st.sampled_from(forms[1]))
    values = {field: data.draw(HOSTILE) for field in form.fields}
    person = world.people[form.role]
    if isinstance(person, User):
        client.force_login(person)
    else:
        client.logout()
    response = client.post(form.action, values, HTTP_HX_REQUEST="true")
    assert response.status_code < 500, (form, values)
