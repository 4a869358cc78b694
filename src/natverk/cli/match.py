"""``natverk match``: groups from a forms export, for leaders who work in spreadsheets."""

from __future__ import annotations

import time
from pathlib import Path

import click

from natverk.formats.applicants import ApplicantFileError, read_applicants
from natverk.matching import InfeasibleProblemError, form_groups
from natverk.matching.affinity import build_affinity
from natverk.matching.explain import explain_group


def _size(text: str) -> tuple[int, int]:
    lo, _, hi = text.partition("-")
    try:
        size = (int(lo), int(hi or lo))
    except ValueError:
        raise click.BadParameter(f"{text!r}: write the group size as LO-HI, e.g. 6-8") from None
    if not 2 <= size[0] <= size[1]:
        raise click.BadParameter(f"{text!r}: need 2 <= LO <= HI")
    return size


@click.command()
@click.argument("applicants", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--size", default="6-8", show_default=True, help="group size LO-HI")
@click.option("--time-limit", default=5.0, show_default=True, help="seconds to search")
@click.option("--seed", default=None, type=int, help="seed for a reproducible result")
@click.option(
    "--lang",
    type=click.Choice(["sv", "da", "en"]),
    default="sv",
    show_default=True,
    help="language of explanations and report",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("groups.csv"),
    show_default=True,
    help="groups CSV to write",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="HTML report to write",
)
def match(
    applicants: Path,
    size: str,
    time_limit: float,
    seed: int | None,
    lang: str,
    output: Path,
    report: Path | None,
) -> None:
    """Match APPLICANTS (CSV or XLSX from Google/Microsoft Forms) into groups.

    Columns are recognised by their Swedish, Danish or English headers: name, e-mail,
    profession, industry, employer, region, hopes, offers, availability.
    """
    from natverk.formats.report import write_groups_csv, write_report

    bounds = _size(size)
    try:
        imported = read_applicants(applicants)
    except ApplicantFileError as exc:
        raise click.ClickException(
            f"{applicants.name} cannot be used:\n  " + "\n  ".join(exc.problems)
        ) from None
    people = imported.applicants
    click.echo(f"Read {len(people)} applicants from {applicants.name}.")
    for note in imported.notes:
        click.echo(f"Note: {note}")
    if imported.ignored:
        click.echo("Columns not used: " + "; ".join(imported.ignored))
    if len(people) < bounds[0]:
        raise click.ClickException(f"{len(people)} applicants cannot fill a group of {bounds[0]}.")
    model = build_affinity(people)
    started = time.monotonic()
    try:
        if time_limit > 1:
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            with Progress(
                TextColumn("Matching"),
                BarColumn(),
                TextColumn("{task.percentage:>3.0f}%"),
                TimeRemainingColumn(),
                transient=True,
            ) as bar:
                task = bar.add_task("match", total=1.0)
                result = form_groups(
                    model.problem(bounds),
                    time_limit=time_limit,
                    seed=seed,
                    progress=lambda fraction, _best: bar.update(task, completed=fraction),
                )
        else:
            result = form_groups(model.problem(bounds), time_limit=time_limit, seed=seed)
    except InfeasibleProblemError as exc:
        raise click.ClickException(str(exc)) from None
    write_groups_csv(output, people, result.groups, lang)
    if report is not None:
        write_report(
            report,
            people,
            model,
            result.groups,
            objective=result.objective,
            upper_bound=result.upper_bound,
            lang=lang,
        )
    click.echo(
        f"{len(result.groups)} groups in {time.monotonic() - started:.1f} s; score "
        f"{result.objective:.1f}, best possible at most {result.upper_bound:.1f}."
    )
    for number, members in enumerate(result.groups, start=1):
        click.echo(f"  {number}: {explain_group(model, people, members, lang).headline}")
    click.echo(f"Wrote {output}" + (f" and {report}" if report else "") + ".")
