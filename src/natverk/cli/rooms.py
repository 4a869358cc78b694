"""``natverk rooms`` and ``natverk pairs``: breakout rounds and 1:1 pairing from a CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import click
import numpy as np

from natverk.formats.applicants import ApplicantFileError
from natverk.formats.people import read_history, read_people
from natverk.formats.report import safe_cell
from natverk.formats.zoom import room_name, write_room_cards, write_zoom_rounds
from natverk.matching.pairs import PairingError, plan_pairs
from natverk.matching.rounds import RoomPlanError, plan_rounds


def _people(path: Path):  # type: ignore[no-untyped-def]
    try:
        return read_people(path)
    except ApplicantFileError as exc:
        raise click.ClickException(f"{path.name}:\n  " + "\n  ".join(exc.problems)) from None


def _size(text: str) -> tuple[int, int]:
    lo, _, hi = text.partition("-")
    try:
        return int(lo), int(hi or lo)
    except ValueError:
        raise click.BadParameter(f"{text!r}: write the room size as LO-HI, e.g. 3-5") from None


@click.command()
@click.argument("people", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rounds", "n_rounds", default=3, show_default=True, help="breakout rounds")
@click.option("--room-size", default="3-5", show_default=True, help="people per room LO-HI")
@click.option(
    "--history",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="earlier rounds.csv or pairs.csv: who already met",
)
@click.option("--seed", type=int, default=None)
@click.option("--time-limit", default=1.0, show_default=True, help="seconds to search")
@click.option("--lang", type=click.Choice(["sv", "da", "en"]), default="sv", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("rounds.csv"),
    show_default=True,
)
@click.option(
    "--zoom",
    type=click.Path(file_okay=False, path_type=Path),
    help="folder for Zoom pre-assignment files, one per round",
)
@click.option(
    "--cards",
    type=click.Path(dir_okay=False, path_type=Path),
    help="printable room cards (HTML)",
)
def rooms(
    people: Path,
    n_rounds: int,
    room_size: str,
    history: Path | None,
    seed: int | None,
    time_limit: float,
    lang: str,
    output: Path,
    zoom: Path | None,
    cards: Path | None,
) -> None:
    """Plan breakout rounds for PEOPLE (CSV: name, e-mail, department, home group, ...)."""
    persons = [p for p in _people(people) if not p.paused]
    emails = [p.email for p in persons]
    n = len(persons)
    weights = np.zeros((n, n))
    if history is not None:
        for a, b in read_history(history, emails):
            weights[a, b] = weights[b, a] = weights[a, b] + 1.0
    by_group: dict[str, list[int]] = {}
    for k, p in enumerate(persons):
        if p.home_group:
            by_group.setdefault(p.home_group, []).append(k)
    for members in by_group.values():
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                weights[a, b] = weights[b, a] = weights[a, b] + 0.5
    try:
        plan = plan_rounds(
            n,
            n_rounds,
            _size(room_size),
            history=weights,
            seed=seed,
            time_limit=time_limit,
            facilitators=[k for k, p in enumerate(persons) if p.facilitator],
            languages=[p.languages for p in persons],
        )
    except RoomPlanError as exc:
        raise click.ClickException(str(exc)) from None
    with output.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["round", "room", "name", "email"])
        for r, rooms_ in enumerate(plan.rounds, start=1):
            for k, room in enumerate(rooms_, start=1):
                for person in room:
                    writer.writerow(
                        [
                            r,
                            room_name(r, k, lang),
                            safe_cell(persons[person].name),
                            safe_cell(persons[person].email),
                        ]
                    )
    if zoom is not None:
        write_zoom_rounds(zoom, plan.rounds, emails, lang)
    if cards is not None:
        write_room_cards(
            cards,
            plan.rounds,
            [p.name for p in persons],
            lang=lang,
            facilitators=[k for k, p in enumerate(persons) if p.facilitator],
        )
    click.echo(
        f"{n} people, {n_rounds} rounds, {plan.repeats} repeated meetings "
        f"({plan.seconds:.1f} s). Wrote {output}"
        + (f" and {zoom}/round_*.csv" if zoom else "")
        + "."
    )


@click.command()
@click.argument("people", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--history",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="earlier pairs.csv: recent pairs to avoid",
)
@click.option("--seed", type=int, default=None)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("pairs.csv"),
    show_default=True,
)
def pairs(people: Path, history: Path | None, seed: int | None, output: Path) -> None:
    """Pair colleagues 1:1 across departments (a trio when the count is odd)."""
    persons = _people(people)
    emails = [p.email for p in persons]
    recent = read_history(history, emails) if history is not None else []
    try:
        plan = plan_pairs(
            [p.department for p in persons],
            recent=recent,
            seed=seed,
            excluded=[k for k, p in enumerate(persons) if p.paused],
        )
    except PairingError as exc:
        raise click.ClickException(str(exc)) from None
    with output.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["pair", "name", "email", "department"])
        for k, pair in enumerate(plan.pairs, start=1):
            for person in pair:
                p = persons[person]
                writer.writerow([k, safe_cell(p.name), safe_cell(p.email), safe_cell(p.department)])
    click.echo(
        f"{len(plan.pairs)} pairs; {plan.repeats} recent pairs repeated, "
        f"{plan.same_department} within a department. Wrote {output}."
    )
