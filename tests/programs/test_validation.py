"""Form validation in plain words, never a 500, and never a value that breaks a later page
(issue 11, item 9). Model validation runs on every path that writes, not only on forms."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.programs import actions
from natverk.programs.models import Program

S = DEMO_SLUG


def _program_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Kommunikatörer våren 2027",
        "theme": "Kriskommunikation",
        "description": "Sex träffar.",
        "group_min": 6,
        "group_max": 8,
        "meeting_count": 6,
        "meeting_minutes": 90,
        "span_weeks": 16,
        "format": "digital",
        "first_meeting_on": "2027-02-01",
        "skip_summer": "on",
        "even_sizes": "on",
    }
    return data | changes


def _create(client: Client, demo: DemoWorld, **changes: Any) -> str:
    client.force_login(demo.leader)
    response = client.post(reverse("programs:list", kwargs={"slug": S}), _program_data(**changes))
    assert response.status_code in (200, 302)
    return response.content.decode() if response.status_code == 200 else ""


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "Våren\n2027"}, "utan radbrytningar"),
        ({"first_meeting_on": "9999-01-01"}, "Välj ett datum mellan"),
        ({"description": "x" * 2_000_000}, "som mest 10000 tecken"),
        ({"group_max": 9}, "Högst 8 per grupp"),
        ({"group_min": 8, "group_max": 6}, "minsta gruppen kan inte vara större"),
        ({"first_meeting_on": ""}, "Detta fält måste fyllas i"),
    ],
)
def test_program_form_refuses_with_a_sentence_and_saves_nothing(
    client: Client, demo: DemoWorld, changes: dict[str, Any], message: str
) -> None:
    page = _create(client, demo, **changes)
    assert message in page
    assert not Program.objects.filter(organisation=demo.organisation).exists()


def test_in_person_groups_may_have_sixteen(client: Client, demo: DemoWorld) -> None:
    _create(client, demo, format="in_person", group_min=10, group_max=16)
    assert Program.objects.get(organisation=demo.organisation).group_max == 16


def test_the_model_refuses_bad_values_on_every_write_path(demo: DemoWorld) -> None:
    with pytest.raises(ValidationError):
        actions.create_program(demo.organisation, by=demo.leader, title="a\nb")
    with pytest.raises(ValidationError):
        actions.create_program(demo.organisation, by=demo.leader, title="ok", group_max=12)
    program = actions.create_program(demo.organisation, by=demo.leader, title="ok")
    with pytest.raises(ValidationError):
        actions.add_question(program, "Fråga\x00?")
    with pytest.raises(ValidationError):
        actions.update_program(program, group_min=8, group_max=6)
    program.refresh_from_db()
    assert (program.group_min, program.group_max) == (6, 8)


def test_a_nul_byte_in_a_question_is_refused_in_words(client: Client, demo: DemoWorld) -> None:
    program = actions.create_program(demo.organisation, by=demo.leader, title="ok")
    client.force_login(demo.leader)
    url = reverse("programs:add_question", kwargs={"slug": S, "program_id": program.pk})
    response = client.post(url, {"text": "Fråga\x00?"}, follow=True)
    assert response.status_code == 200
    assert not program.questions.exists()


def test_application_form_refuses_long_addresses_and_requires_profession_and_industry(
    client: Client, program: Program
) -> None:
    url = reverse("programs:apply", kwargs={"token": program.apply_token})
    before = program.applications.count()
    response = client.post(
        url,
        {
            "name": "Sara",
            "email": "a" * 300 + "@example.org",
            "hopes": "ledarskap",
            "offers": "förhandling",
            "languages": ["sv"],
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Detta fält måste fyllas i") >= 2  # profession and industry
    assert "som mest 254 tecken" in page
    assert program.applications.count() == before
