"""A matching run whose worker is killed mid-run is noticed, shown as interrupted with a
one-click retry, and never left "running" forever (a real worker process, kill -9)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from natverk.accounts.demo import DEMO_SLUG, load_demo
from natverk.programs import actions
from natverk.programs.demo import load_demo_program
from natverk.programs.models import MatchingRun
from natverk.programs.runs import LEASE, interrupt_stalled_runs

ROOT = Path(__file__).resolve().parents[2]


def _worker(*extra: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "NATVERK_TEST_USE_DATABASE": str(connection.settings_dict["NAME"]),
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}",
    }
    command = [sys.executable, "-m", "natverk", "worker", "--no-startup-delay", "--no-reload"]
    return subprocess.Popen(  # noqa: S603
        [*command, "--clock-interval", "0", *extra],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(run: MatchingRun, status: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status == status and (status != "running" or run.heartbeat_at is not None):
            return
        time.sleep(0.2)
    raise AssertionError(f"run stayed {run.status}, expected {status}")


@pytest.mark.slow
def test_a_killed_worker_leaves_an_interrupted_run_that_the_leader_retries(
    transactional_db: None, client: Client
) -> None:
    world = load_demo(members=60)
    program = load_demo_program(world, applicants=24)
    run = actions.start_matching_run(program, by=world.leader, time_limit=60)
    worker = _worker()
    try:
        _wait(run, "running", 90)
        worker.send_signal(signal.SIGKILL)  # kill -9 in the middle of the search
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.RUNNING  # nobody told the database
    assert interrupt_stalled_runs() == 0  # within the lease it may still be alive
    assert interrupt_stalled_runs(timezone.now() + LEASE + LEASE) == 1
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.INTERRUPTED
    client.force_login(world.leader)
    url = reverse(
        "programs:run", kwargs={"slug": DEMO_SLUG, "program_id": program.pk, "run_id": run.pk}
    )
    page = client.get(url).content.decode()
    assert "Avbruten" in page and "Försök igen" in page
    client.post(url + "retry/")
    retry = MatchingRun.objects.filter(program=program).exclude(pk=run.pk).get()
    MatchingRun.objects.filter(pk=retry.pk).update(time_limit=1)
    worker = _worker("--batch")
    assert worker.wait(timeout=180) == 0
    retry.refresh_from_db()
    assert retry.status == MatchingRun.Status.DONE and retry.applied_at is not None
    assert program.groups.exists()


def test_two_runs_started_at_once_make_one(transactional_db: None) -> None:
    import threading

    world = load_demo(members=60)
    program = load_demo_program(world, applicants=24)
    outcomes: list[str] = []

    def start() -> None:
        try:
            actions.start_matching_run(program, by=world.leader)
            outcomes.append("started")
        except actions.ProgramError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "started"]
    assert MatchingRun.objects.filter(program=program).count() == 1
