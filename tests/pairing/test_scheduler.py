"""The scheduler against a real database file and real processes: a due round is made
exactly once when two workers race, and a worker killed half-way leaves no half round.

Each process is ``python -m tests.pairing.processes`` with its own connection to one
SQLite file (WAL, IMMEDIATE transactions: the production settings). The database is
migrated once per session and copied for each test.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

from natverk.outbox.models import Message
from natverk.pairing import rounds
from natverk.pairing.models import PairingProgram, Round
from tests.pairing.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
DB = "natverk.sqlite3"


def _env(folder: Path) -> dict[str, str]:
    return os.environ | {
        "NATVERK_DATA_DIR": str(folder),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
    }


def _start(folder: Path, *args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.pairing.processes", *args]
    return subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=_env(folder), stdout=subprocess.PIPE, text=True
    )


def _run(folder: Path, *args: str) -> str:
    process = _start(folder, *args)
    out, _ = process.communicate(timeout=240)
    assert process.returncode == 0, out
    return out


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database file with a program whose first round is due today."""
    folder = tmp_path_factory.mktemp("scheduler")
    command = [sys.executable, "-m", "natverk", "migrate", "-v0"]
    subprocess.run(command, cwd=ROOT, env=_env(folder), check=True, timeout=300)  # noqa: S603
    _run(folder, "setup", "400")
    return folder


@pytest.fixture
def database(migrated: Path, tmp_path: Path) -> Iterator[Path]:
    """A fresh copy of the migrated database for one test."""
    shutil.copy(migrated / DB, tmp_path / DB)
    yield tmp_path


def _counts(folder: Path) -> dict[str, int]:
    with sqlite3.connect(folder / DB) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in (
                "pairing_round",
                "pairing_meetup",
                "pairing_meetupmember",
                "outbox_message",
            )
        }


@pytest.mark.slow
def test_two_workers_racing_for_a_due_round_make_exactly_one(database: Path) -> None:
    start = database / "start"
    workers = [_start(database, "race", str(start)) for _ in range(2)]
    for worker in workers:
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
    start.touch()
    made = [int(worker.communicate(timeout=240)[0].strip()) for worker in workers]
    assert sorted(made) == [0, 1]
    assert _counts(database) == {
        "pairing_round": 1,
        "pairing_meetup": 200,
        "pairing_meetupmember": 400,
        "outbox_message": 400,
    }


@pytest.mark.slow
def test_a_worker_killed_in_the_middle_of_a_round_leaves_no_half_round(database: Path) -> None:
    worker = _start(database, "stall")
    assert worker.stdout is not None
    line = worker.stdout.readline()
    assert line.startswith("inside"), line  # meetups written and 400 e-mails queued, uncommitted
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    assert _counts(database) == dict.fromkeys(
        ("pairing_round", "pairing_meetup", "pairing_meetupmember", "outbox_message"), 0
    )
    # The next worker makes the whole round.
    assert _run(database, "race", str(database)).split()[-1] == "1"
    assert _counts(database)["outbox_message"] == 400


@pytest.mark.slow
def test_a_worker_killed_at_any_moment_leaves_all_of_the_round_or_none(database: Path) -> None:
    rng = random.Random(3)
    (database / "go").touch()
    for _ in range(3):
        worker = _start(database, "race", str(database / "go"))
        assert worker.stdout is not None
        worker.stdout.readline()
        time.sleep(rng.uniform(0.0, 2.0))
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        counts = _counts(database)
        assert counts in (
            dict.fromkeys(counts, 0),
            {
                "pairing_round": 1,
                "pairing_meetup": 200,
                "pairing_meetupmember": 400,
                "outbox_message": 400,
            },
        )
        if counts["pairing_round"]:
            return


@pytest.mark.django_db
def test_a_round_lost_to_another_worker_at_the_insert_leaves_nothing_behind(
    program: PairingProgram,
) -> None:
    assert rounds.make_round(program.pk, TODAY) is not None
    before = Message.objects.count()
    # As on PostgreSQL, where both workers pass the check before either commits: the
    # unique (program, due_on) refuses the second insert and its transaction is undone.
    with mock.patch.object(rounds, "_made_already", return_value=False):
        assert rounds.make_round(program.pk, TODAY) is None
    assert Round.objects.count() == 1
    assert Message.objects.count() == before
