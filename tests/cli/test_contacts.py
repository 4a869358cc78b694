"""`natverk contacts import/export`: created, merged and skipped with reasons; a broken
file writes nothing and exits 1; an export reads back through the importer."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from natverk.accounts.demo import DemoWorld
from natverk.accounts.models import User
from natverk.cli import cli
from natverk.contacts import actions
from natverk.contacts.models import Contact
from natverk.formats.contact_files import read_contact_file
from natverk.formats.contacts_base import ContactRecord
from tests.contacts.conftest import sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(demo: DemoWorld) -> User:
    """The demo member, whose contacts support imports."""
    return demo.member


def test_import_prints_created_merged_and_skipped_with_reasons(owner: User, tmp_path: Path) -> None:
    actions.create_contact(
        owner, ContactRecord(name="Ava L", linkedin_url="https://www.linkedin.com/in/ava-lopez3/")
    )
    actions.create_contact(owner, ContactRecord(name="Adam Ray", company="BILL"))
    linkedin = tmp_path / "Connections.csv"
    linkedin.write_bytes(sample("linkedin/connections_2024_preamble_url_selected.csv"))
    vcf = tmp_path / "phone.vcf"
    vcf.write_bytes(sample("vcard/macos_11_multi_empty_card.vcf"))
    result = CliRunner().invoke(
        cli, ["contacts", "import", "--owner", owner.email.upper(), str(linkedin), str(vcf)]
    )
    assert result.exit_code == 0, result.output
    assert "merged: line 7 Ava Lopez into Ava L (same LinkedIn profile)" in result.output
    assert "skipped: Connections.csv line 11: No name: the account was closed" in result.output
    assert "skipped: phone.vcf line 28: No name, e-mail address or phone number." in result.output
    assert "Created 15, merged 1, skipped 2." in result.output
    assert Contact.objects.filter(owner=owner).count() == 2 + 15


def test_close_names_are_reported_and_merged_only_when_asked(owner: User, tmp_path: Path) -> None:
    actions.create_contact(owner, ContactRecord(name="Adam Raye", company="BILL Inc"))
    path = tmp_path / "Connections.csv"
    path.write_bytes(sample("linkedin/connections_2024_preamble_url_selected.csv"))
    first = CliRunner().invoke(cli, ["contacts", "import", "--owner", owner.email, str(path)])
    assert "created: line 8 Adam Ray, which looks like Adam Raye" in first.output
    Contact.objects.filter(owner=owner).exclude(name="Adam Raye").delete()
    second = CliRunner().invoke(
        cli, ["contacts", "import", "--owner", owner.email, "--merge-names", str(path)]
    )
    assert "merged: line 8 Adam Ray into Adam Raye" in second.output


def test_a_broken_file_writes_nothing_and_exits_1(owner: User, tmp_path: Path) -> None:
    good = tmp_path / "good.vcf"
    good.write_bytes(sample("vcard/rfc6350_v4_example.vcf"))
    broken = tmp_path / "broken.vcf"
    broken.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut short\r\n")
    result = CliRunner().invoke(
        cli, ["contacts", "import", "--owner", owner.email, str(good), str(broken)]
    )
    assert result.exit_code == 1
    assert "never ends" in result.output and "Nothing was imported" in result.output
    assert Contact.objects.filter(owner=owner).count() == 0


def test_an_unknown_owner_is_refused(tmp_path: Path, owner: User) -> None:
    path = tmp_path / "x.vcf"
    path.write_bytes(sample("vcard/rfc6350_v4_example.vcf"))
    result = CliRunner().invoke(
        cli, ["contacts", "import", "--owner", "nobody@example.se", str(path)]
    )
    assert result.exit_code == 1 and "No account" in result.output


@pytest.mark.parametrize("fmt", ["vcf", "csv"])
def test_export_writes_a_file_that_reads_back_to_the_same_cards(
    owner: User, tmp_path: Path, fmt: str
) -> None:
    made = actions.create_contact(
        owner,
        ContactRecord(name="Åsa Öberg", emails=("asa@example.se",), tags=("mentor",), notes="=1+1"),
    )
    out = tmp_path / f"contacts.{fmt}"
    result = CliRunner().invoke(
        cli, ["contacts", "export", "--owner", owner.email, "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Wrote 1 contacts" in result.output
    assert read_contact_file(out.read_bytes()).records == [made.record()]
