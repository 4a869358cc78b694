"""The demo pairing program that `make demo` loads."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from natverk.accounts.demo import OTHER_SLUG, DemoWorld
from natverk.outbox.models import Message
from natverk.pairing import rounds
from natverk.pairing.demo import EARLIER_ROUNDS, HR_EMAIL, HR_PASSWORD, load_demo_pairing
from natverk.pairing.models import MeetupMember, PairingProgram

pytestmark = pytest.mark.django_db


def test_the_demo_program_has_earlier_rounds_with_check_ins_and_loads_once(
    demo: DemoWorld,
) -> None:
    program = load_demo_pairing(demo, staff=60)
    assert program.rounds.count() == EARLIER_ROUNDS
    assert program.participants.count() >= 60
    answers = set(MeetupMember.objects.values_list("answer", flat=True))
    assert answers == {"", "met", "not_met"}
    assert not Message.objects.exists()  # the earlier rounds were never mailed
    assert rounds.ask_for_checkins(timezone.now()) == 0  # nor are they asked about now
    assert load_demo_pairing(demo, staff=60) == program
    assert PairingProgram.objects.count() == 1


def test_hr_logs_in_and_sees_the_picture(demo: DemoWorld, client: Client) -> None:
    program = load_demo_pairing(demo, staff=60)
    response = client.post("/accounts/login/", {"username": HR_EMAIL, "password": HR_PASSWORD})
    assert response.status_code == 302
    page = client.get(f"/o/{OTHER_SLUG}/pairing/{program.pk}/insights/")
    assert page.status_code == 200
    assert b'role="img"' in page.content
