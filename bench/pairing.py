"""A pairing round for 10,000 employees, database writes and e-mails included.

Sets up a throwaway SQLite database with the production settings (WAL, synchronous=FULL,
IMMEDIATE transactions), imports an HR list of N employees (HR-style CSV through the
reader and the import action), then makes rounds one after another exactly as the
periodic job does (`natverk.pairing.rounds.make_round`: read the people and the history,
plan, write the round, its meetups and members, and queue one introduction e-mail per
person with its calendar file, all in one transaction). Prints, per round, the seconds
of the whole round and of its parts, and the quality of the meetups.

    .venv/bin/python bench/pairing.py                   # 10,000 people, pairs, 4 rounds
    .venv/bin/python bench/pairing.py --size lunch --people 10000 --rounds 3
    .venv/bin/python bench/pairing.py --people 1200 --format in_person --rounds 8
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _timed(spent: dict[str, float], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

    return wrapper


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--size", choices=["pairs", "trios", "lunch"], default="pairs")
    parser.add_argument(
        "--format", choices=["video", "in_person"], default="video", help="in person: per office"
    )
    args = parser.parse_args(argv)
    data = tempfile.mkdtemp(prefix="natverk-bench-pairing-")
    os.environ.update({"NATVERK_DEBUG": "1", "NATVERK_DATA_DIR": data})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natverk.site.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from natverk.accounts import actions as account_actions
    from natverk.accounts.models import Organisation, Role, User
    from natverk.formats.employees import read_employees
    from natverk.matching import meetups
    from natverk.outbox.models import Message
    from natverk.pairing import actions, history, mails, rounds
    from natverk.pairing.models import MeetupMember
    from natverk.workforce import generate_staff, write_employee_csv

    call_command("migrate", verbosity=0)
    today = dt.date(2027, 3, 1)
    organisation = account_actions.create_organisation(
        name="Bench AB", slug="bench", kind=Organisation.Kind.COMPANY
    )
    hr = User.objects.create_user("hr@example.org", None, name="HR")
    account_actions.add_member(organisation, hr, Role.ADMIN)
    program = actions.create_program(
        organisation,
        by=hr,
        title="Fika",
        first_round_on=today,
        size=args.size,
        format=args.format,
    )
    export = Path(data) / "personal.csv"
    write_employee_csv(generate_staff(args.people, seed=1, today=today), export)
    start = time.perf_counter()
    employees = read_employees(export, today=today).employees
    actions.import_employees(program, employees, tell=False)
    imported = time.perf_counter() - start
    print(f"{args.people} employees read and imported in {imported:.1f} s ({args.size})")
    spent: dict[str, float] = {}
    history.past = _timed(spent, "history", history.past)  # type: ignore[assignment]
    rounds.past = history.past  # type: ignore[attr-defined]
    rounds.plan_meetups = _timed(spent, "plan", meetups.plan_meetups)  # type: ignore[attr-defined]
    rounds._write_meetups = _timed(spent, "write", rounds._write_meetups)  # type: ignore[attr-defined]
    mails.queue_mails = _timed(spent, "queue", mails.queue_mails)  # type: ignore[attr-defined]
    mails.introductions = _timed(spent, "mails", mails.introductions)  # type: ignore[assignment]
    rounds.mails = mails  # type: ignore[attr-defined]
    print(
        f"{'round':>5}{'people':>8}{'meetups':>9}{'repeats':>9}{'same dept':>10}"
        f"{'history':>9}{'plan':>7}{'write':>7}{'mails':>7}{'(queue)':>9}{'total s':>9}"
    )
    due = today
    for number in range(1, args.rounds + 1):
        spent.clear()
        before = Message.objects.count()
        start = time.perf_counter()
        made = rounds.make_round(program.pk, due)
        total = time.perf_counter() - start
        assert made is not None
        queued = Message.objects.count() - before
        seats = MeetupMember.objects.filter(meetup__round=made).count()
        assert queued == seats == made.people - made.left_out, (queued, seats)
        repeats, same = _quality(made.pk)
        print(
            f"{number:>5}{made.people:>8}{made.meetups.count():>9}{repeats:>9}{same:>10}"
            f"{spent.get('history', 0):>9.1f}{spent.get('plan', 0):>7.1f}"
            f"{spent.get('write', 0):>7.1f}{spent.get('mails', 0) - spent.get('queue', 0):>7.1f}"
            f"{spent.get('queue', 0):>9.1f}{total:>9.1f}",
            flush=True,
        )
        due = program.after(due)
    return 0


def _quality(round_id: int) -> tuple[int, int]:
    """Pairs in this round that shared a meetup in an earlier round, and pairs from one
    department."""
    from itertools import combinations

    from natverk.pairing.models import MeetupMember

    rows = MeetupMember.objects.filter(meetup__round_id=round_id).values_list(
        "meetup_id", "participant_id", "department"
    )
    groups: dict[int, list[tuple[int, str]]] = {}
    for meetup, person, department in rows:
        groups.setdefault(meetup, []).append((person, department))
    earlier = MeetupMember.objects.filter(meetup__round__number__lt=_number(round_id))
    seen: dict[int, list[int]] = {}
    for meetup, person in earlier.values_list("meetup_id", "participant_id"):
        seen.setdefault(meetup, []).append(person)
    met = {tuple(sorted(p)) for g in seen.values() for p in combinations(g, 2)}
    repeats = same = 0
    for group in groups.values():
        for (a, da), (b, db) in combinations(group, 2):
            repeats += tuple(sorted((a, b))) in met
            same += bool(da) and da == db
    return repeats, same


def _number(round_id: int) -> int:
    from natverk.pairing.models import Round

    return Round.objects.get(pk=round_id).number


if __name__ == "__main__":
    raise SystemExit(main())
