"""Importing the HR list and what people decide about their own part."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from django.test import Client

from natverk.accounts.demo import OTHER_SLUG, DemoWorld
from natverk.accounts.models import User
from natverk.outbox.models import Message
from natverk.pairing import actions, rounds
from natverk.pairing.models import PairingProgram, Participant
from tests.pairing.conftest import TODAY, staff

pytestmark = pytest.mark.django_db


def test_an_opt_in_program_invites_and_pairs_only_those_who_join(
    make_program: Callable[..., PairingProgram],
) -> None:
    program = make_program(0, scope="opt_in")
    actions.import_employees(program, staff(10))
    assert set(program.participants.values_list("status", flat=True)) == {"invited"}
    assert Message.objects.filter(kind="natverk.pairing.invitation").count() == 10
    assert rounds.make_round(program.pk, TODAY) is None  # nobody has joined yet
    for person in program.participants.order_by("pk")[:4]:
        actions.take_part(person)
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None and made.people == 4


def test_chosen_departments_import_only_their_people_and_count_the_rest(
    make_program: Callable[..., PairingProgram],
) -> None:
    program = make_program(0, scope="departments", departments=["HR", "IT"])
    people = staff(40)
    result = actions.import_employees(program, people)
    inside = [p for p in people if p.department in ("HR", "IT")]
    assert (result.added, result.outside) == (len(inside), len(people) - len(inside))


def test_importing_again_updates_the_hr_facts_and_keeps_the_persons_own_choices(
    program: PairingProgram,
) -> None:
    person = program.participants.order_by("pk").first()
    assert person is not None
    actions.pause(person)
    actions.set_wishes(person, curious=["Juridik"], offers="Excel-makron")
    moved = [replace(e, department="Juridik") if e.email == person.email else e for e in staff(24)]
    result = actions.import_employees(program, moved)
    assert (result.added, result.updated) == (0, 24)
    person.refresh_from_db()
    assert person.department == "Juridik"
    assert person.status == Participant.Status.PAUSED
    assert person.curious == ["Juridik"] and person.offers == "Excel-makron"


def test_a_complete_list_lets_people_no_longer_on_it_leave_and_a_partial_one_does_not(
    program: PairingProgram,
) -> None:
    everyone = staff(24)
    still_here = everyone[3:]
    partial = actions.import_employees(program, still_here)
    assert partial.left == 0
    assert not program.participants.filter(status=Participant.Status.LEFT).exists()
    complete = actions.import_employees(program, still_here, complete=True)
    assert complete.left == 3
    gone = program.participants.filter(status=Participant.Status.LEFT)
    assert sorted(gone.values_list("email", flat=True)) == sorted(e.email for e in everyone[:3])
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None and made.people == 21
    assert not Message.objects.filter(to__in=[e.email for e in everyone[:3]]).exists()


def test_a_list_with_a_repeated_address_imports_nothing(program: PairingProgram) -> None:
    people = staff(3)
    with pytest.raises(actions.ImportRefusedError) as info:
        actions.import_employees(program, [*people, people[0]])
    assert "Row 5" in info.value.problems[0] or "Rad 5" in info.value.problems[0]


def test_someone_in_the_list_with_an_account_is_linked_to_it(
    demo: DemoWorld, program: PairingProgram
) -> None:
    user = User.objects.create_user("konto@nordljus.example.org", None, name="Konto")
    people = [replace(staff(1)[0], email=user.email)]
    actions.import_employees(program, people)
    assert program.participants.get(email=user.email).user == user


def test_the_dashboard_shows_pairing_to_administrators_only(
    client: Client, demo: DemoWorld, hr: User
) -> None:
    client.force_login(hr)
    assert b"pairing-panel" in client.get(f"/o/{OTHER_SLUG}/").content
    client.force_login(demo.other_leader)
    assert b"pairing-panel" not in client.get(f"/o/{OTHER_SLUG}/").content
