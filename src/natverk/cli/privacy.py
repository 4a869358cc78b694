"""``natverk export-person`` and ``natverk erase-person``: support staff answer a
person's request from the command line, with the same code as the privacy pages."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import click


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natverk.site.settings")
    import django

    django.setup()


def _subject_or_fail(email: str):  # type: ignore[no-untyped-def]
    from natverk.privacy.subjects import organisations_of, subject_for_email

    subject = subject_for_email(email)
    if subject.user_id is None and not organisations_of(subject):
        raise click.ClickException(f"natverk holds nothing about {email}")
    return subject


@click.command("export-person")
@click.argument("email")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="the ZIP file to write",
)
def export_person(email: str, output: Path) -> None:
    """Write everything natverk holds about EMAIL to a ZIP (JSON and CSV)."""
    _django()
    from django.core.files.storage import default_storage

    from natverk.privacy import actions
    from natverk.privacy.models import DataRequest

    _subject_or_fail(email)
    request = actions.support_request(email, DataRequest.Kind.EXPORT)
    done = actions.run_export(request.pk)
    assert done is not None
    with default_storage.open(done.file_name, "rb") as source, output.open("wb") as target:
        shutil.copyfileobj(source, target)
    rows = sum(done.report.get("rows", {}).values())
    click.echo(f"{output}: {rows} rows about {email}")


@click.command("erase-person")
@click.argument("email")
@click.option("--yes", is_flag=True, help="erase without asking")
def erase_person(email: str, yes: bool) -> None:
    """Erase EMAIL: every registered shredder in one transaction; logs are redacted."""
    _django()
    from django.utils.translation import override

    from natverk.privacy import actions
    from natverk.privacy.erasure import preview
    from natverk.privacy.models import DataRequest

    with override("en"):
        report = preview(_subject_or_fail(email))
    for step in report.steps:
        if step.count:
            click.echo(f"  {step.model}: {step.count} {step.action}")
    for step in report.kept:
        click.echo(f"  kept ({step.model}): {step.reason}")
    if not yes:
        click.confirm(f"Erase {email}? This cannot be undone", abort=True)
    request = actions.support_request(email, DataRequest.Kind.ERASE)
    done = actions.run_erasure(request.pk)
    assert done is not None
    click.echo(f"Erased {email} (request {done.pk}).")
