"""Export, erasure and retention on the demo organisation (300 members, 300 applicants).

Sets up a throwaway SQLite database, loads the demo organisation and its program with
every applicant accepted, then times, for 20 people, building their export (the ZIP)
and erasing them (all shredders in one transaction), with the number of queries; then a
retention dry run and a real run on a clock moved 25 months ahead (every member silent:
warned at 23.5 months, erased a month later).

    .venv/bin/python bench/privacy.py
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time


def main() -> int:
    data = tempfile.mkdtemp(prefix="natverk-bench-")
    os.environ.update({"NATVERK_DEBUG": "1", "NATVERK_DATA_DIR": data})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natverk.site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from natverk.accounts.demo import load_demo
    from natverk.accounts.models import User
    from natverk.privacy.erasure import erase
    from natverk.privacy.export import build_export
    from natverk.privacy.retention import months_before, run_retention
    from natverk.privacy.subjects import subject_for
    from natverk.programs.demo import load_demo_program
    from natverk.programs.models import Application

    call_command("migrate", verbosity=0)
    world = load_demo(members=300)
    program = load_demo_program(world, applicants=300)
    program.applications.update(status=Application.Status.ACCEPTED)
    people = list(User.objects.filter(applications__program=program).order_by("pk")[:20])

    def timed(action: object) -> tuple[float, int]:
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            action()  # type: ignore[operator]
            seconds = time.perf_counter() - start
        return seconds, len(queries)

    sizes: list[int] = []
    exports = [
        timed(lambda p=p: sizes.append(len(build_export(subject_for(p))[0]))) for p in people
    ]
    erasures = [timed(lambda p=p: erase(subject_for(p))) for p in people]
    members = User.objects.filter(memberships__organisation=world.organisation).count()
    later = months_before(timezone.now(), -23) + dt.timedelta(days=15)
    dry, _ = timed(lambda: run_retention(later, organisation=world.organisation, dry_run=True))
    warn, _ = timed(lambda: run_retention(later, organisation=world.organisation))
    run, _ = timed(
        lambda: run_retention(later + dt.timedelta(days=31), organisation=world.organisation)
    )
    left = User.objects.filter(memberships__organisation=world.organisation).count()

    print(f"{'what':<36}{'people':>7}{'median s':>10}{'max s':>8}{'queries':>9}")
    for name, rows in (("export (ZIP)", exports), ("erasure (one transaction)", erasures)):
        seconds = [s for s, _ in rows]
        print(
            f"{name:<36}{len(rows):>7}{statistics.median(seconds):>10.3f}"
            f"{max(seconds):>8.3f}{statistics.median(q for _, q in rows):>9.0f}"
        )
    print(f"export size: median {statistics.median(sizes) / 1024:.1f} KiB")
    print(f"{'retention dry run':<36}{members:>7}{dry:>10.2f}")
    print(f"{'retention: warn everyone silent':<36}{members:>7}{warn:>10.2f}")
    print(f"{'retention: erase a month later':<36}{members:>7}{run:>10.2f}")
    print(f"members left after retention: {left}")
    print(f"(data in {data})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
