"""Worker processes for the scheduler tests: each is a real process with its own
connection to one SQLite file (WAL, IMMEDIATE transactions, as in production).

    python -m tests.pairing.processes setup PEOPLE       # a program whose round is due
    python -m tests.pairing.processes race START_FILE    # the periodic job, when told to
    python -m tests.pairing.processes stall              # a round that stops half-way

NATVERK_DATA_DIR names the folder of the database file.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from natverk.accounts import actions as account_actions  # noqa: E402
from natverk.accounts.models import Organisation, Role, User  # noqa: E402
from natverk.pairing import actions, mails, rounds  # noqa: E402
from natverk.pairing.tasks import run_due_rounds  # noqa: E402
from tests.pairing.conftest import staff  # noqa: E402


def setup(people: int) -> None:
    """An organisation, its HR administrator and a program of ``people`` due today."""
    organisation = account_actions.create_organisation(
        name="Nordljus Energi AB", slug="nordljus-energi", kind=Organisation.Kind.COMPANY
    )
    hr = User.objects.create_user("hr@example.org", None, name="HR")
    account_actions.add_member(organisation, hr, Role.ADMIN)
    program = actions.create_program(
        organisation, by=hr, title="Fika", first_round_on=timezone.localdate()
    )
    actions.import_employees(program, staff(people, today=timezone.localdate()), tell=False)
    print(program.pk, flush=True)


def race(start: Path) -> None:
    """Wait for the start signal, then run the periodic job's body once."""
    print("ready", flush=True)
    while not start.exists():
        time.sleep(0.005)
    print(run_due_rounds.call(), flush=True)


def stall() -> None:
    """Make the due round, but stop for good once its e-mails are queued and the
    transaction is still open (the test kills this process there)."""
    queue = mails.introductions

    def queue_then_stop(*args: object, **kwargs: object) -> int:
        count = queue(*args, **kwargs)  # type: ignore[arg-type]
        print("inside", count, flush=True)
        time.sleep(600)
        return count

    mails.introductions = queue_then_stop  # type: ignore[assignment]
    print(rounds.run_due_rounds(), flush=True)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "setup":
        setup(int(sys.argv[2]))
    elif command == "race":
        race(Path(sys.argv[2]))
    elif command == "stall":
        stall()
    else:
        raise SystemExit(f"unknown command {command}")
