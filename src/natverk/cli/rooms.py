"""``natverk rooms`` and ``natverk pairs``: breakout rounds and 1:1 pairing from a CSV."""

from __future__ import annotations

from pathlib import Path

import click
import numpy as np
from numpy.typing import NDArray

from natverk.cli._common import SEED, Seconds, SizeRange, check_output, failures, writing
from natverk.formats.output import write_csv
from natverk.formats.people import Person, read_history, read_people
from natverk.formats.zoom import room_name, write_room_cards, write_zoom_rounds
from natverk.matching.pairs import PairingError, plan_pairs
from natverk.matching.rounds import RoomPlanError, check_plan_size, plan_rounds, room_sizes

__all__ = ["pairs", "rooms"]

MAX_ROUNDS = 50
#: The longest a plan is searched for without --time-limit.
MAX_AUTO_SECONDS = 120.0
#: pairs.csv column titles (read back by --history in any of the languages).
PAIR_HEADERS = {
    "sv": ("par", "namn", "e-post", "avdelning"),
    "da": ("par", "navn", "e-mail", "afdeling"),
    "en": ("pair", "name", "email", "department"),
}


def repeats_forced(people: int, rounds: int, size: tuple[int, int]) -> bool:
    """Whether some pair must meet twice: a person meets more people than there are
    (counting), or a room takes two people from one room of the round before
    (pigeonhole: rooms larger than there are rooms). Sizes that cannot be made at all
    are left to the planner to refuse.

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

    >>> time_budget(32, 10, (4, 4)), time_budget(20, 3, (5, 5)), time_budget(15, 3, (3, 3))
    (120.0, 2.0, 18.0)
    """
    if repeats_forced(people, rounds, size):
        return max(2.0, min(10.0, 0.01 * people * rounds))
    return max(2.0, min(MAX_AUTO_SECONDS, 0.4 * people * rounds))


def _home_group_weights(persons: list[Person], weights: NDArray[np.float64]) -> None:
    """Add 0.5 for every pair sharing a home group (they know each other already)."""
    by_group: dict[str, list[int]] = {}
    for k, p in enumerate(persons):
        if p.home_group:
            by_group.setdefault(p.home_group, []).append(k)
    for members in by_group.values():
        idx = np.array(members)
        weights[np.ix_(idx, idx)] += 0.5
    np.fill_diagonal(weights, 0.0)


@click.command()
@click.argument("people", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--rounds",
    "n_rounds",
    type=click.IntRange(1, MAX_ROUNDS),
    default=3,
    show_default=True,
    help="breakout rounds",
)
@click.option(
    "--room-size",
    type=SizeRange(2, 100),
    default="3-5",
    show_default=True,
    help="people per room LO-HI",
)
@click.option(
    "--history",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="earlier rounds.csv or pairs.csv: who already met",
)
@click.option("--seed", type=SEED, default=None)
@click.option(
    "--time-limit",
    type=Seconds(),
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
    room_size: tuple[int, int],
    history: Path | None,
    seed: int | None,
    time_limit: float | None,
    lang: str,
    output: Path,
    zoom: Path | None,
    cards: Path | None,
) -> None:
    """Plan breakout rounds for PEOPLE (CSV or XLSX: name, e-mail, department, home group, ...)."""
    check_output(output, lang)
    check_output(zoom, lang, folder=True)
    check_output(cards, lang)
    with failures(people.name, lang):
        persons = [p for p in read_people(people) if not p.paused]
    emails = [p.email for p in persons]
    n = len(persons)
    try:
        check_plan_size(n, n_rounds, room_size)
        weights = np.zeros((n, n))
        if history is not None:
            with failures(history.name, lang):
                met = read_history(history, emails)
            for a, b in met:
                weights[a, b] += 1.0
                weights[b, a] += 1.0
        _home_group_weights(persons, weights)
        if time_limit is None:
            time_limit = time_budget(n, n_rounds, room_size)
            click.echo(
                f"Searching for at most {time_limit:.0f} s (stops at a plan without repeats)."
            )
        plan = plan_rounds(
            n,
            n_rounds,
            room_size,
            history=weights,
            seed=seed,
            time_limit=time_limit,
            facilitators=[k for k, p in enumerate(persons) if p.facilitator],
            languages=[p.languages for p in persons],
        )
    except RoomPlanError as exc:
        raise click.ClickException(str(exc)) from None
    with writing(lang):
        write_csv(
            output,
            ["round", "room", "name", "email"],
            (
                [r, room_name(r, k, lang), persons[person].name, persons[person].email]
                for r, rooms_ in enumerate(plan.rounds, start=1)
                for k, room in enumerate(rooms_, start=1)
                for person in room
            ),
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
@click.option("--seed", type=SEED, default=None)
@click.option(
    "--lang",
    type=click.Choice(["sv", "da", "en"]),
    default="sv",
    show_default=True,
    help="language of the column titles and of messages about the files",
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
    check_output(output, lang)
    with failures(people.name, lang):
        persons = read_people(people)
    emails = [p.email for p in persons]
    recent: list[tuple[int, int]] = []
    if history is not None:
        with failures(history.name, lang):
            recent = read_history(history, emails)
    try:
        plan = plan_pairs(
            [p.department for p in persons],
            recent=recent,
            seed=seed,
            excluded=[k for k, p in enumerate(persons) if p.paused],
        )
    except PairingError as exc:
        raise click.ClickException(str(exc)) from None
    with writing(lang):
        write_csv(
            output,
            list(PAIR_HEADERS[lang]),
            (
                [k, persons[p].name, persons[p].email, persons[p].department]
                for k, pair in enumerate(plan.pairs, start=1)
                for p in pair
            ),
        )
    click.echo(
        f"{len(plan.pairs)} pairs; {plan.repeats} recent pairs repeated, "
        f"{plan.same_department} within a department. Wrote {output}."
    )
