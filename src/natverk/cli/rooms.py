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
from natverk.matching.rounds import RoomPlanError, plan_rounds, room_sizes


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


#: The longest a plan is searched for without --time-limit.
MAX_AUTO_SECONDS = 120.0


def repeats_forced(people: int, rounds: int, size: tuple[int, int]) -> bool:
    """Whether some pair must meet twice: a person meets more people than there are
    (counting), or a room takes two people from one room of the round before
    (pigeonhole: rooms larger than there are rooms). A RoomPlanError is left to the
    planner.

    >>> repeats_forced(20, 2, (5, 5)), repeats_forced(32, 10, (4, 4))
    (True, False)
    """
    try:
        sizes = room_sizes(people, size)
    except RoomPlanError:
        return False
    if rounds < 2 or not sizes:
        return False
    return rounds * (min(sizes) - 1) > people - 1 or min(sizes) > len(sizes)


def time_budget(people: int, rounds: int, size: tuple[int, int]) -> float:
    """Seconds to search when the user gives no --time-limit: long enough for hard plans
    that have a perfect answer (32 people in rooms of 4 for 10 rounds), since the search
    stops as soon as nobody meets twice; short when a repeat cannot be avoided.

    >>> time_budget(32, 10, (4, 4)), time_budget(20, 3, (5, 5)), time_budget(100, 6, (3, 5))
    (64.0, 2.0, 120.0)
    """
    if repeats_forced(people, rounds, size):
        return max(2.0, min(10.0, 0.01 * people * rounds))
    return max(2.0, min(MAX_AUTO_SECONDS, 0.2 * people * rounds))


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
@click.option(
    "--time-limit",
    type=float,
    default=None,
    help="seconds to search at most (default: chosen from the size of the plan; the search "
    "stops at the first plan where nobody meets twice)",
)
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
    time_limit: float | None,
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
    size = _size(room_size)
    if time_limit is None:
        time_limit = time_budget(n, n_rounds, size)
        click.echo(f"Searching for at most {time_limit:.0f} s (stops at a plan without repeats).")
    try:
        plan = plan_rounds(
            n,
            n_rounds,
            size,
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


#: pairs.csv column titles (read back by --history in any of the languages).
PAIR_HEADERS = {
    "sv": ("par", "namn", "e-post", "avdelning"),
    "da": ("par", "navn", "e-mail", "afdeling"),
    "en": ("pair", "name", "email", "department"),
}


@click.command()
@click.argument("people", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--history",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="earlier pairs.csv: recent pairs to avoid",
)
@click.option("--seed", type=int, default=None)
@click.option(
    "--lang",
    type=click.Choice(["sv", "da", "en"]),
    default="sv",
    show_default=True,
    help="language of the column titles",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("pairs.csv"),
    show_default=True,
)
def pairs(people: Path, history: Path | None, seed: int | None, lang: str, output: Path) -> None:
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
        writer.writerow(PAIR_HEADERS[lang])
        for k, pair in enumerate(plan.pairs, start=1):
            for person in pair:
                p = persons[person]
                writer.writerow([k, safe_cell(p.name), safe_cell(p.email), safe_cell(p.department)])
    click.echo(
        f"{len(plan.pairs)} pairs; {plan.repeats} recent pairs repeated, "
        f"{plan.same_department} within a department. Wrote {output}."
    )
