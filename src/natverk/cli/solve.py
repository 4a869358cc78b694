"""`natverk solve FILE`: group the elements of a score file (MDGPLIB or CSV matrix)."""

from __future__ import annotations

import contextlib
import csv
import json
import math
from pathlib import Path

import click
import numpy as np
from numpy.typing import NDArray

from natverk.matching import GroupingProblem, InfeasibleProblemError, form_groups
from natverk.matching._mdgplib import MdgplibError, read_mdgplib

__all__ = ["read_csv_matrix", "solve"]


class ScoreFileError(ValueError):
    """A score file that cannot be read; the text names the line and the problem."""


def _number(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:
        return None


def read_csv_matrix(path: Path) -> tuple[NDArray[np.float64], list[str]]:
    """A square score matrix from CSV, with optional header row and first column of names."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScoreFileError(f"{path.name} is not a UTF-8 text file") from exc
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    rows = [r for r in csv.reader(text.splitlines(), dialect) if any(c.strip() for c in r)]
    if not rows:
        raise ScoreFileError(f"{path.name} is empty")
    names: list[str] | None = None
    first = [c.strip() for c in rows[0]]
    if any(_number(c) is None for c in first if c):
        names = [c for c in first if c] if first[0] == "" else first
        rows = rows[1:]
    row_names = all(r and _number(r[0].strip()) is None for r in rows)
    values: list[list[float]] = []
    for k, row in enumerate(rows, start=2 if names is not None else 1):
        cells = [c.strip() for c in (row[1:] if row_names else row)]
        parsed = [_number(c) for c in cells]
        bad = [c for c, p in zip(cells, parsed, strict=True) if p is None]
        if bad:
            raise ScoreFileError(f"{path.name} line {k}: {bad[0]!r} is not a number")
        values.append([float(p) for p in parsed if p is not None])
    n = len(values)
    wrong = [k for k, r in enumerate(values) if len(r) != n]
    if wrong:
        raise ScoreFileError(
            f"{path.name}: the matrix must be square: {n} rows but row {wrong[0] + 1} has "
            f"{len(values[wrong[0]])} values"
        )
    if row_names:
        labels = [r[0].strip() for r in rows]
    elif names is not None and len(names) == n:
        labels = names
    else:
        labels = [str(i) for i in range(n)]
    return np.array(values, dtype=np.float64), labels


def _parse_size(text: str) -> tuple[int, int]:
    try:
        lo_text, _, hi_text = text.partition("-")
        lo = int(lo_text)
        hi = int(hi_text) if hi_text else lo
    except ValueError as exc:
        raise click.BadParameter(f"expected LO-HI such as 6-8, got {text!r}") from exc
    return lo, hi


@click.command(name="solve")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["mdgplib", "csv-matrix"]),
    default=None,
    help="File format (default: csv-matrix for .csv files, mdgplib otherwise).",
)
@click.option("--size", default=None, help="Group size LO-HI for csv-matrix (default 6-8).")
@click.option("--groups", "n_groups", type=int, default=None, help="Number of groups (csv-matrix).")
@click.option("--time-limit", type=float, default=10.0, show_default=True, help="Seconds.")
@click.option("--seed", type=int, default=None, help="Seed (the same seed gives the same search).")
@click.option("--workers", type=int, default=None, help="Processes (default: 2 if time allows).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def solve(
    file: Path,
    fmt: str | None,
    size: str | None,
    n_groups: int | None,
    time_limit: float,
    seed: int | None,
    workers: int | None,
    as_json: bool,
) -> None:
    """Split the elements of FILE into groups maximising the within-group score."""
    if time_limit <= 0 or not math.isfinite(time_limit):
        raise click.BadParameter("must be a positive number of seconds", param_hint="--time-limit")
    fmt = fmt or ("csv-matrix" if file.suffix.lower() in (".csv", ".tsv") else "mdgplib")
    try:
        labels: list[str]
        if fmt == "mdgplib":
            if size or n_groups:
                raise click.UsageError(
                    "MDGPLIB files carry their own group bounds; drop --size/--groups"
                )
            inst = read_mdgplib(file)
            labels = [str(i) for i in range(inst.d.shape[0])]
            bounds = list(zip(inst.lower.tolist(), inst.upper.tolist(), strict=True))
            problem = GroupingProblem(inst.d, size=None, group_bounds=bounds)
        else:
            d, labels = read_csv_matrix(file)
            n = d.shape[0]
            if size and n_groups:
                raise click.UsageError("give either --size or --groups, not both")
            if n_groups is not None:
                if not 1 <= n_groups <= n:
                    raise click.UsageError(f"--groups must be between 1 and {n}")
                base, extra = divmod(n, n_groups)
                sizes = [base + (k < extra) for k in range(n_groups)]
                problem = GroupingProblem(d, size=None, group_bounds=[(s, s) for s in sizes])
            else:
                problem = GroupingProblem(d, size=_parse_size(size or "6-8"))
        result = form_groups(problem, time_limit=time_limit, seed=seed, workers=workers)
    except (ScoreFileError, MdgplibError, InfeasibleProblemError) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(
            json.dumps(
                {
                    "groups": result.groups,
                    "objective": result.objective,
                    "upper_bound": result.upper_bound,
                    "seconds": round(result.seconds, 3),
                    "seed": result.seed,
                }
            )
        )
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
