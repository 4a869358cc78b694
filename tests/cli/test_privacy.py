"""`natverk export-person` and `natverk erase-person` for support staff."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from natverk.accounts.models import User
from natverk.cli import cli
from natverk.privacy.models import AuditEntry, DataRequest
from tests.privacy.world import build_world

pytestmark = pytest.mark.django_db


def test_export_person_writes_the_persons_zip(tmp_path: Path) -> None:
    world = build_world(keys=("a",))
    person = world.people["a"]
    output = tmp_path / "person.zip"
    result = CliRunner().invoke(cli, ["export-person", person.email, "-o", str(output)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(output) as archive:
        account = archive.read("json/accounts.User.json").decode()
        assert person.email in account and "csv/programs.Application.csv" in archive.namelist()
    assert DataRequest.objects.filter(channel="support", status="done").count() == 1
    assert AuditEntry.objects.filter(action="natverk.privacy.person.exported").count() == 2


def test_unknown_addresses_are_refused() -> None:
    result = CliRunner().invoke(cli, ["erase-person", "ingen@example.org", "--yes"])
    assert result.exit_code == 1 and "holds nothing about ingen@example.org" in result.output


def test_erase_person_asks_first_and_then_erases() -> None:
    world = build_world(keys=("a",))
    person = world.people["a"]
    declined = CliRunner().invoke(cli, ["erase-person", person.email], input="n\n")
    assert declined.exit_code == 1 and "programs.Application" in declined.output
    assert User.objects.filter(pk=person.pk).exists()
    result = CliRunner().invoke(cli, ["erase-person", person.email, "--yes"])
    assert result.exit_code == 0, result.output
    assert "kept (programs.GroupMember)" in result.output
    assert not User.objects.filter(pk=person.pk).exists()
