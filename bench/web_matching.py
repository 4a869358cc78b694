"""A matching run of the web workflow on 300 applicants, end to end.

Sets up a throwaway SQLite database, loads the demo organisation, accepts 300
applications to a program, queues a matching run as the web page does, starts the
real worker (`natverk db_worker`) as a separate process and polls the run's progress as
the page does, until the run is done. Prints the time from queueing to done and the
progress values seen.

    .venv/bin/python bench/web_matching.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    data = tempfile.mkdtemp(prefix="natverk-bench-")
    env = {**os.environ, "NATVERK_DEBUG": "1", "NATVERK_DATA_DIR": data}
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natverk.site.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from natverk.accounts.demo import load_demo
    from natverk.programs import actions
    from natverk.programs.demo import load_demo_program
    from natverk.programs.models import Application, MatchingRun

    call_command("migrate", verbosity=0)
    world = load_demo(members=300)
    program = load_demo_program(world, applicants=300)
    program.applications.update(status=Application.Status.ACCEPTED)
    accepted = program.applications.count()
    queued = time.perf_counter()
    run = actions.start_matching_run(program, by=world.leader)
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "natverk", "db_worker", "--batch", "--no-startup-delay"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen: list[float] = []
    while True:
        run.refresh_from_db()
        if not seen or run.progress != seen[-1]:
            seen.append(run.progress)
        if run.status in (MatchingRun.Status.DONE, MatchingRun.Status.FAILED):
            break
        if time.perf_counter() - queued > 120:
            break
        time.sleep(0.25)
    seconds = time.perf_counter() - queued
    worker.wait(timeout=60)
    print(
        f"{'applicants':>10}{'groups':>8}{'status':>8}{'seconds':>9}{'score':>9}{'bound':>9}"
        "  progress seen"
    )
    print(
        f"{accepted:>10}{len(run.result):>8}{run.status:>8}{seconds:>9.1f}"
        f"{run.objective or 0:>9.1f}{run.upper_bound or 0:>9.1f}  "
        + " ".join(f"{p:.2f}" for p in seen)
    )
    print(f"(data in {Path(data)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
