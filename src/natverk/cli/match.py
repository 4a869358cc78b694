"""``natverk match``: groups from a forms export, for leaders who work in spreadsheets."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import click

from natverk.cli._common import (
    SEED,
    Seconds,
    SizeRange,
    check_output,
    fail,
    failures,
    writing,
)
from natverk.formats.applicants import read_applicants
from natverk.i18n import gettext_noop as _
from natverk.matching import GroupingProblem, GroupingResult, InfeasibleProblemError, form_groups
from natverk.matching.affinity import (
    DENSE_LIMIT,
    AffinityModel,
    build_affinity,
    build_feature_affinity,
)
from natverk.matching.applicant import Applicant
from natverk.matching.explain import GroupExplanation, explain_groups

__all__ = ["match"]

HEADLINES_SHOWN = 30


@click.command()
@click.argument("applicants", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--size", type=SizeRange(2, 100), default="6-8", show_default=True, help="group size LO-HI"
)
@click.option(
    "--time-limit", type=Seconds(), default=5.0, show_default=True, help="seconds to search"
)
@click.option("--seed", default=None, type=SEED, help="seed for a reproducible result")
@click.option(
    "--lang",
    type=click.Choice(["sv", "da", "en"]),
    default="sv",
    show_default=True,
    help="language of explanations, report and messages",
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
    size: tuple[int, int],
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
    check_output(output, lang)
    check_output(report, lang)
    with failures(applicants.name, lang):
        imported = read_applicants(applicants)
    people = imported.applicants
    click.echo(f"Read {len(people)} applicants from {applicants.name}.")
    for note in imported.notes:
        click.echo(f"Note: {note.render(lang)}")
    if imported.ignored:
        click.echo("Columns not used: " + "; ".join(imported.ignored))
    if len(people) < size[0]:
        raise fail(
            _("%(count)s applicants cannot fill a group of %(size)s."),
            lang,
            count=len(people),
            size=size[0],
        )
    started = time.monotonic()
    try:
        model, problem = _problem(people, size)
        result = _search(problem, time_limit, seed)
    except InfeasibleProblemError as exc:
        raise click.ClickException(str(exc)) from None
    explained = result.groups if report is not None else result.groups[:HEADLINES_SHOWN]
    explanations, utilities = explain_groups(people, explained, lang, model)
    with writing(lang):
        _write(output, report, people, result, explanations, utilities, lang)
    click.echo(
        f"{len(result.groups)} groups in {time.monotonic() - started:.1f} s; score "
        f"{result.objective:.1f}, best possible at most {result.upper_bound:.1f}."
    )
    for number, explanation in enumerate(explanations[:HEADLINES_SHOWN], start=1):
        click.echo(f"  {number}: {explanation.headline}")
    if len(result.groups) > HEADLINES_SHOWN:
        click.echo(f"  ... and {len(result.groups) - HEADLINES_SHOWN} more groups.")
    click.echo(f"Wrote {output}" + (f" and {report}" if report else "") + ".")


def _write(
    output: Path,
    report: Path | None,
    people: list[Applicant],
    result: GroupingResult,
    explanations: list[GroupExplanation],
    utilities: list[float],
    lang: str,
) -> None:
    """groups.csv, and the HTML report when asked for."""
    from natverk.formats.report import write_groups_csv, write_report

    write_groups_csv(output, people, result.groups, lang)
    if report is not None:
        write_report(
            report,
            people,
            result.groups,
            explanations,
            utilities,
            objective=result.objective,
            upper_bound=result.upper_bound,
            lang=lang,
        )


def _problem(
    people: list[Applicant], size: tuple[int, int]
) -> tuple[AffinityModel | None, GroupingProblem]:
    """The dense model up to :data:`DENSE_LIMIT` applicants, feature scores above."""
    if len(people) <= DENSE_LIMIT:
        model = build_affinity(people)
        return model, model.problem(size)
    problem, _hopes, _offers = build_feature_affinity(people)
    return None, replace(problem, size=size)


def _search(problem: GroupingProblem, time_limit: float, seed: int | None) -> GroupingResult:
    """form_groups, with a progress bar when the search takes more than a second."""
    if time_limit <= 1:
        return form_groups(problem, time_limit=time_limit, seed=seed)
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("Matching"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(),
        transient=True,
    ) as bar:
        task = bar.add_task("match", total=1.0)
        return form_groups(
            problem,
            time_limit=time_limit,
            seed=seed,
            progress=lambda fraction, _best: bar.update(task, completed=fraction),
        )
