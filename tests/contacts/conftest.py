"""Fixtures for contacts: the demo member as owner, and files to import."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from natverk.accounts.demo import DemoWorld
from natverk.accounts.models import User

SAMPLES = Path(__file__).parents[1] / "formats" / "samples"


@pytest.fixture
def owner(demo: DemoWorld) -> User:
    """The demo member, who keeps the contacts."""
    return demo.member


@pytest.fixture
def owner_client(client: Client, owner: User) -> Client:
    """A browser session of the owner."""
    client.force_login(owner)
    return client


def sample(path: str) -> bytes:
    """A real export from tests/formats/samples."""
    return (SAMPLES / path).read_bytes()


def vcard(*cards: str) -> bytes:
    """A vCard 3.0 file of simple cards: 'Name|email|phone|company'."""
    lines = []
    for card in cards:
        name, email, phone, company = ([*card.split("|"), "", "", ""])[:4]
        lines += ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}"]
        lines += [f"EMAIL:{email}"] if email else []
        lines += [f"TEL:{phone}"] if phone else []
        lines += [f"ORG:{company}"] if company else []
        lines.append("END:VCARD")
    return ("\r\n".join(lines) + "\r\n").encode()
