"""Fixtures for the meetings app: the demo member's group with meetings held and the next
one ready to run (the same world ``make demo`` loads)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.accounts.models import User
from natverk.meetings.demo import DemoMeetings, load_demo_meetings
from natverk.meetings.models import Meeting
from natverk.programs.models import Application


@pytest.fixture
def meetings(demo: DemoWorld) -> DemoMeetings:
    """The demo group: two meetings held, the third ready to run."""
    return load_demo_meetings(demo)


@pytest.fixture
def member(meetings: DemoMeetings, demo: DemoWorld) -> User:
    """Magnus Medlem, placed in the demo group."""
    return demo.member


@pytest.fixture
def others(meetings: DemoMeetings, demo: DemoWorld) -> list[Application]:
    """The other members of the demo group."""
    return [
        p.application
        for p in meetings.group.placements.select_related("application__user").order_by("pk")
        if p.application.user_id != demo.member.pk
    ]


def url(name: str, meeting: Meeting, **kwargs: int) -> str:
    """A meeting URL of the demo organisation."""
    return reverse(
        f"meetings:{name}", kwargs={"slug": DEMO_SLUG, "meeting_id": meeting.pk, **kwargs}
    )


def logged_in(client: Client, user: User) -> Client:
    """The client, logged in as ``user``."""
    client.force_login(user)
    return client
