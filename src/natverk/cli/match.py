"""``natverk match``: groups from a forms export, for leaders who work in spreadsheets."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import click

from natverk.cli._clock import command_started, quick_exit, search_limit
from natverk.cli._common import (
    SEED,
    Seconds,
    SizeRange,
    check_output,
    fail,
    failures,
    writing,
)
from natverk.formats.applicants import CONSTRAINT_FIELDS, FIELDS, read_applicants
from natverk.i18n import gettext_noop as _
from natverk.matching import (
    GroupingProblem,
    GroupingResult,
    InfeasibleProblemError,
    LabelCrowdedError,
    form_groups,
)
from natverk.matching.affinity import (
    DENSE_LIMIT,
    AffinityModel,
    build_affinity,
    build_feature_affinity,
)
from natverk.matching.applicant import Applicant
from natverk.matching.explain import GroupExplanation, explain_groups
from natverk.matching.problem import even_bounds, group_count

__all__ = ["match"]

HEADLINES_SHOWN = 30
#: Seconds kept back from the search for explaining one group and writing it (measured
#: 4 ms per group under load, the report included), and for the files whatever the count.
WRITING_PER_GROUP = 0.006
WRITING_BASE = 0.1
#: The same per group above the dense limit, where each group is scored on its own for
#: its explanation (6.4 ms per group on a quiet machine, the TF-IDF of its wording
#: included), the report's share and some margin for load.
WRITING_PER_GROUP_ALONE = 0.009


@click.command()
@click.argument("applicants", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--size", type=SizeRange(2, 100), default="6-8", show_default=True, help="group size LO-HI"
)
@click.option(
    "--time-limit",
    type=Seconds(),
    default=10.0,
    show_default=True,
    help="seconds for the whole command: reading, scoring, search and writing",
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
@click.option(
    "--column",
    "given",
    multiple=True,
    metavar="FIELD=HEADER",
    help="the column that holds FIELD (its header or the header's start), e.g. "
    'availability="Vilka tider passar dig?"; fields: ' + ", ".join(FIELDS),
)
@click.option(
    "--without",
    multiple=True,
    type=click.Choice(CONSTRAINT_FIELDS),
    help="match without this constraint when the file has no column for it",
)
@click.option(
    "--largest-groups",
    is_flag=True,
    help="as many of the largest groups as the sizes allow (default: sizes as even as possible)",
)
def match(
    applicants: Path,
    size: tuple[int, int],
    time_limit: float,
    seed: int | None,
    lang: str,
    output: Path,
    report: Path | None,
    given: tuple[str, ...],
    without: tuple[str, ...],
    largest_groups: bool,
) -> None:
    """Match APPLICANTS (CSV or XLSX from Google/Microsoft Forms) into groups.

    Columns are recognised by their Swedish, Danish, Norwegian or English headers, or by
    their answers (weekdays and times, e-mail addresses, ...): name, e-mail, profession,
    industry, employer, region, hopes, offers, availability. Without an availability or
    employer column the command stops and says so (--column names one, --without goes
    on without).
    """
    started = command_started()
    check_output(output, lang)
    check_output(report, lang)
    columns = _given(given)
    need = [f for f in CONSTRAINT_FIELDS if f not in without]
    with failures(applicants.name, lang):
        imported = read_applicants(applicants, columns=columns, need=need)
    people = imported.applicants
    click.echo(f"Read {len(people)} applicants from {applicants.name}.")
    for note in imported.notes:
        click.echo(f"Note: {note.render(lang)}")
    for name in FIELDS:
        if name in imported.columns:
            how = {"given": "as given", "header": "by its header", "answers": "by its answers"}
            click.echo(f"  {name}: {imported.columns[name]!r} ({how[imported.how[name]]})")
    if imported.ignored:
        click.echo("Columns not used: " + "; ".join(imported.ignored))
    if len(people) < size[0]:
        raise fail(
            _("%(count)s applicants cannot fill a group of %(size)s."),
            lang,
            count=len(people),
            size=size[0],
        )
    try:
        model, problem = _problem(people, size, even=not largest_groups)
        groups = len(problem.group_bounds or ())
        explained = groups if report is not None else min(groups, HEADLINES_SHOWN)
        per_group = WRITING_PER_GROUP if model is not None else WRITING_PER_GROUP_ALONE
        writing_time = WRITING_BASE + per_group * explained
        searching = search_limit(time_limit, writing_time)
        spent = time.monotonic() - started
        if writing_time > time_limit / 2:
            click.echo(
                f"Explaining and writing {explained} groups takes about {writing_time:.0f} s "
                f"of the {time_limit:g} s limit, leaving "
                f"{max(0.0, searching - spent):.1f} s to search; a longer --time-limit "
                "gives better groups."
            )
        elif spent > searching / 2:
            click.echo(
                f"Reading and scoring took {spent:.1f} s of the {time_limit:g} s limit, "
                f"leaving {max(0.0, searching - spent):.1f} s to search; a longer "
                "--time-limit gives better groups."
            )
        result = _search(problem, searching, seed, started)
    except LabelCrowdedError as exc:
        raise _crowded(exc, people, lang) from None
    except InfeasibleProblemError as exc:
        raise click.ClickException(str(exc)) from None
    shown = result.groups if report is not None else result.groups[:HEADLINES_SHOWN]
    explanations, utilities = explain_groups(people, shown, lang, model)
    with writing(lang):
        _write(output, report, people, result, explanations, utilities, lang)
    click.echo(
        f"{len(result.groups)} groups in {time.monotonic() - started:.1f} s; score "
        f"{result.objective:.1f}, best possible at most {result.upper_bound:.1f}."
    )
    if result.hoping:
        share = 100.0 * result.hopes_met / result.hoping
        click.echo(
            f"Hopes met: {result.hopes_met} of {result.hoping} members ({share:.0f} %); "
            f"worst off: {people[result.worst_off].name} "
            f"(mean affinity {float(result.utilities[result.worst_off]):.2f})."
        )
    for number, explanation in enumerate(explanations[:HEADLINES_SHOWN], start=1):
        click.echo(f"  {number}: {explanation.headline}")
    if len(result.groups) > HEADLINES_SHOWN:
        click.echo(f"  ... and {len(result.groups) - HEADLINES_SHOWN} more groups.")
    click.echo(f"Wrote {output}" + (f" and {report}" if report else "") + ".")
    quick_exit()


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
            hopes=(result.hopes_met, result.hoping) if result.hoping else None,
        )


def _crowded(exc: LabelCrowdedError, people: list[Applicant], lang: str) -> click.ClickException:
    """More applicants of one employer than groups (the command's only label rule)."""
    crowd = exc.crowded[0]
    names = [people[m].name for m in crowd.members[:6]]
    more = len(crowd.members) - len(names)
    return fail(
        _(
            "%(n)s applicants work for %(employer)s (%(names)s), but there are only "
            "%(groups)s groups and people with the same employer are kept apart. Choose "
            "smaller groups (--size) so that there are more of them, or leave out the "
            "employer of some of them."
        ),
        lang,
        n=len(crowd.members),
        employer=people[crowd.members[0]].employer.strip(),
        names=", ".join(names) + (f" (+{more})" if more > 0 else ""),
        groups=crowd.groups,
    )


def _given(pairs: tuple[str, ...]) -> dict[str, str]:
    """``FIELD=HEADER`` options as a mapping (a usage error names a malformed one)."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, header = pair.partition("=")
        if not sep or name.strip() not in FIELDS or not header.strip():
            raise click.BadParameter(
                f"{pair!r}: write FIELD=HEADER, FIELD one of {', '.join(FIELDS)}",
                param_hint="--column",
            )
        out[name.strip()] = header.strip().strip('"')
    return out


def _problem(
    people: list[Applicant], size: tuple[int, int], *, even: bool
) -> tuple[AffinityModel | None, GroupingProblem]:
    """The dense model up to :data:`DENSE_LIMIT` applicants, feature scores above; sizes
    as even as ``size`` allows, or (``even`` off) the fewest, largest groups."""
    lo, hi = size
    bounds = (
        even_bounds(len(people), lo, hi) if even else [(lo, hi)] * group_count(len(people), lo, hi)
    )
    if len(people) <= DENSE_LIMIT:
        model = build_affinity(people)
        return model, replace(model.problem(), size=None, group_bounds=bounds)
    problem, _hopes, _offers = build_feature_affinity(people)
    # Each group's explanation compares wording with TF-IDF (scikit-learn, 1-1.5 s to
    # load): loaded now, the time counts before the search's share is set, not after it.
    import sklearn.feature_extraction.text  # noqa: F401

    return None, replace(problem, size=None, group_bounds=bounds)


def _search(
    problem: GroupingProblem, time_limit: float, seed: int | None, started: float
) -> GroupingResult:
    """form_groups until ``started + time_limit``, with a progress bar when the search
    has more than a second."""
    if started + time_limit - time.monotonic() <= 1:
        return form_groups(problem, time_limit=time_limit, seed=seed, started=started)
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
            started=started,
        )
