"""Fixtures for colleague pairing: Nordljus Energi, its HR administrator and staff."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone

from natverk.accounts.demo import DemoWorld
from natverk.accounts.models import User
from natverk.formats.employees import Employee
from natverk.pairing import actions
from natverk.pairing.demo import _hr
from natverk.pairing.models import PairingProgram
from natverk.workforce import generate_staff

TODAY = dt.date(2027, 3, 1)


def staff(n: int, *, seed: int = 5, today: dt.date = TODAY) -> list[Employee]:
    """``n`` employees of the HR list, as the importer gives them."""
    return [
        Employee(s.name, s.email, s.department, s.location, s.start_date, s.role, s.languages)
        for s in generate_staff(n, seed=seed, today=today, domain="nordljus.example.org")
    ]


@pytest.fixture
def hr(demo: DemoWorld) -> User:
    """Nordljus Energi's HR administrator."""
    return _hr(demo)


@pytest.fixture
def make_program(demo: DemoWorld, hr: User) -> Callable[..., PairingProgram]:
    """A pairing program at Nordljus with ``people`` employees imported (no welcome mails)."""

    def make(people: int = 24, **fields: object) -> PairingProgram:
        settings: dict[str, object] = {
            "title": "Fika över avdelningarna",
            "first_round_on": TODAY,
        }
        program = actions.create_program(demo.other_organisation, by=hr, **(settings | fields))
        actions.import_employees(program, staff(people), tell=False)
        return program

    return make


@pytest.fixture
def program(make_program: Callable[..., PairingProgram]) -> PairingProgram:
    """A fortnightly pairs program of 24 people."""
    return make_program()


def now_on(day: dt.date, hour: int = 9) -> dt.datetime:
    """An aware moment on ``day``."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_default_timezone())
