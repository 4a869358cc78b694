"""`natverk solve FILE`: group the elements of a score file (MDGPLIB or CSV matrix)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from natverk.cli._clock import command_started, quick_exit, search_limit
from natverk.cli._common import SEED, Seconds, SizeRange, fail, failures
from natverk.formats.scores import read_csv_matrix, read_mdgplib
from natverk.i18n import gettext_noop as _
from natverk.matching import GroupingProblem, InfeasibleProblemError, form_groups

__all__ = ["solve"]


@click.command(name="solve")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["mdgplib", "csv-matrix"]),
    default=None,
    help="File format (default: csv-matrix for .csv files, mdgplib otherwise).",
)
@click.option(
    "--size",
    type=SizeRange(1, 10_000),
    default=None,
    help="Group size LO-HI for csv-matrix (default 6-8).",
)
@click.option(
    "--groups",
    "n_groups",
    type=click.IntRange(1, 10_000),
    default=None,
    help="Number of groups (csv-matrix).",
)
@click.option(
    "--time-limit",
    type=Seconds(),
    default=10.0,
    show_default=True,
    help="Seconds for the whole command (reading, search, bound, output).",
)
@click.option("--seed", type=SEED, default=None, help="Seed (the same seed gives the same search).")
@click.option(
    "--workers",
    type=click.IntRange(1, 2),
    default=None,
    help="Processes (default: 2 if time allows).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def solve(
    file: Path,
    fmt: str | None,
    size: tuple[int, int] | None,
    n_groups: int | None,
    time_limit: float,
    seed: int | None,
    workers: int | None,
    as_json: bool,
) -> None:
    """Split the elements of FILE into groups maximising the within-group score."""
    started = command_started()
    fmt = fmt or ("csv-matrix" if file.suffix.lower() in (".csv", ".tsv") else "mdgplib")
    if fmt == "mdgplib" and (size or n_groups):
        raise click.UsageError("MDGPLIB files carry their own group bounds; drop --size/--groups")
    if size and n_groups:
        raise click.UsageError("give either --size or --groups, not both")
    labels: list[str]
    with failures(file.name):
        if fmt == "mdgplib":
            inst = read_mdgplib(file)
            labels = [str(i) for i in range(inst.d.shape[0])]
            bounds = list(zip(inst.lower.tolist(), inst.upper.tolist(), strict=True))
            problem = GroupingProblem(inst.d, size=None, group_bounds=bounds)
        else:
            d, labels = read_csv_matrix(file)
            n = d.shape[0]
            if n_groups is not None:
                if n_groups > n:
                    raise click.UsageError(f"--groups must be between 1 and {n}")
                base, extra = divmod(n, n_groups)
                sizes = [base + (k < extra) for k in range(n_groups)]
                problem = GroupingProblem(d, size=None, group_bounds=[(s, s) for s in sizes])
            else:
                problem = GroupingProblem(d, size=size or (6, 8))
    try:
        result = form_groups(
            problem,
            time_limit=search_limit(time_limit),
            seed=seed,
            workers=workers,
            started=started,
        )
    except InfeasibleProblemError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        try:
            text = json.dumps(
                {
                    "groups": result.groups,
                    "objective": result.objective,
                    "upper_bound": result.upper_bound,
                    "seconds": round(result.seconds, 3),
                    "seed": result.seed,
                },
                allow_nan=False,
            )
        except ValueError:
            raise fail(_("The result is not a finite number; the scores are too large.")) from None
        click.echo(text)
        quick_exit()
        return
    n = sum(len(g) for g in result.groups)
    click.echo(
        f"{n} members in {len(result.groups)} groups; objective {result.objective:.2f}, "
        f"upper bound {result.upper_bound:.2f} (within {100 * result.gap:.2f} % of the best "
        f"possible); {result.seconds:.1f} s, seed {result.seed}"
    )
    for k, members in enumerate(result.groups):
        names = ", ".join(labels[m] for m in members)
        click.echo(f"group {k + 1} ({len(members)}): {names}")
    quick_exit()
