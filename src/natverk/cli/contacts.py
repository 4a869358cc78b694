"""``natverk contacts``: a member's contacts in and out from the command line (for
migrations and support), with the same code as the contact pages.

    natverk contacts import --owner EMAIL FILE...
    natverk contacts export --owner EMAIL --format vcf|csv -o FILE

``import`` reads every file first: if one cannot be read, it says why, exits with
status 1 and writes nothing. Otherwise all files are one import (one undo on the web):
contacts with the same e-mail, phone or LinkedIn profile are merged; a close name at the
same company is only reported unless ``--merge-names`` is given.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natverk.site.settings")
    import django

    django.setup()


def _owner(email: str) -> Any:
    from natverk.accounts.models import User

    owner = User.objects.filter(email__iexact=email.strip()).first()
    if owner is None:
        raise click.ClickException(f"No account has the e-mail address {email}.")
    return owner


_REASONS = {
    "email": "same e-mail address",
    "phone": "same phone number",
    "linkedin": "same LinkedIn profile",
    "name": "similar name at the same company",
}


def _read(files: tuple[Path, ...]) -> Any:
    from natverk.formats.contact_files import read_contact_file
    from natverk.formats.contacts_base import ContactFormatError, ContactsFile, Problem, Skipped

    combined = ContactsFile(kind="files")
    broken = False
    for path in files:
        try:
            found = read_contact_file(path.read_bytes())
        except ContactFormatError as exc:
            broken = True
            click.echo(f"{path}: cannot be read:", err=True)
            for line in exc.lines():
                click.echo(f"  {line}", err=True)
            continue
        except OSError as exc:
            broken = True
            click.echo(f"{path}: cannot be opened ({exc.strerror}).", err=True)
            continue
        click.echo(
            f"{path}: {found.kind}, {len(found.records)} contacts, {len(found.skipped)} left out."
        )
        for note in found.notes:
            click.echo(f"  note: {note.render()}")
        combined.records.extend(found.records)
        combined.skipped.extend(
            Skipped(s.line, Problem(f"{path.name} line {s.line}: {s.reason.render()}"))
            for s in found.skipped
        )
    if broken:
        raise click.ClickException("Nothing was imported: fix or leave out the files above.")
    return combined


def _report(items: list[Any], confirmed: set[int], batch: Any, skipped: list[Any]) -> None:
    for item in items:
        if not item.merges:
            continue
        record, reason = item.record, _REASONS[item.match.reason]
        if item.index in confirmed:
            click.echo(
                f"  merged: line {record.line} {record.name} into {item.target_name} ({reason})"
            )
        else:
            click.echo(
                f"  created: line {record.line} {record.name}, which looks like "
                f"{item.target_name} ({reason}); --merge-names merges such contacts"
            )
    for entry in skipped:
        click.echo(f"  skipped: {entry.reason.render()}")
    click.echo(
        f"Created {batch.created_count}, merged {batch.merged_count}, skipped {len(skipped)}."
    )


@click.group()
def contacts() -> None:
    """A member's contacts: import files, export them."""


@contacts.command(name="import")
@click.option("--owner", required=True, help="e-mail address of the member")
@click.option("--merge-names", is_flag=True, help="also merge close names at the same company")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def import_(owner: str, merge_names: bool, files: tuple[Path, ...]) -> None:
    """Import vCard, LinkedIn or contacts CSV FILES for a member, all or nothing."""
    _setup()
    from django.db import transaction

    from natverk.contacts.importing import apply_import, plan_import, start_records_import

    member = _owner(owner)
    found = _read(files)
    with transaction.atomic():
        batch = start_records_import(member, found, ", ".join(p.name for p in files))
        items = plan_import(batch)
        confirmed = {i.index for i in items if i.merges and (i.strong or merge_names)}
        done = apply_import(batch, confirmed=confirmed, plan=items)
    _report(items, confirmed, done, found.skipped)


@contacts.command(name="export")
@click.option("--owner", required=True, help="e-mail address of the member")
@click.option(
    "--format", "fmt", type=click.Choice(["vcf", "csv"]), default="vcf", show_default=True
)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export(owner: str, fmt: str, output: Path) -> None:
    """Write a member's contacts as vCard 4.0 or CSV (both read back by import)."""
    _setup()
    from natverk.contacts.exports import export_contacts, records_of

    member = _owner(owner)
    if not output.parent.exists():
        raise click.ClickException(f"The folder {output.parent} does not exist.")
    content, _type, _name = export_contacts(member, fmt)
    partial = output.with_name(output.name + ".partial")
    partial.write_bytes(content)
    partial.replace(output)
    click.echo(f"Wrote {len(records_of(member))} contacts to {output}.")
