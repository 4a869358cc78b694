"""How fast the group editor answers for 300 applicants: the preview of a move or swap
(the htmx request the page sends on every choice) and the editor page itself.

Sets up a throwaway SQLite database, loads the demo organisation, accepts 300
applications, solves the matching in-process, then requests the real views through
Django's test client as the logged-in leader. The first preview builds the affinity
model (cached per set of answers); the rest reuse it. Prints p50/p95/max per request.

    .venv/bin/python bench/editor_preview.py [--requests 200]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--applicants", type=int, default=300)
    args = parser.parse_args()
    os.environ.update(
        {"NATVERK_DEBUG": "1", "NATVERK_DATA_DIR": tempfile.mkdtemp(prefix="natverk-bench-")}
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natverk.site.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from natverk.accounts.demo import DEMO_SLUG, load_demo
    from natverk.programs import actions, runs
    from natverk.programs.demo import load_demo_program
    from natverk.programs.models import Application

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    world = load_demo(members=args.applicants)
    program = load_demo_program(world, applicants=args.applicants)
    program.applications.update(status=Application.Status.ACCEPTED)
    run = actions.start_matching_run(program, by=world.leader, time_limit=5)
    runs.solve_run(run.pk)
    groups = list(program.groups.prefetch_related("members"))
    members = [m.application_id for g in groups for m in g.members.all()]
    client = Client()
    client.force_login(world.leader)
    base = f"/o/{DEMO_SLUG}/programs/{program.pk}/groups/"
    rng = random.Random(7)

    cpu: dict[str, list[float]] = {"preview": [], "page": []}

    def preview() -> float:
        member = rng.choice(members)
        target = (
            f"swap:{rng.choice(members)}"
            if rng.random() < 0.5
            else f"group:{rng.choice(groups).pk}"
        )
        start, used = time.perf_counter(), time.process_time()
        response = client.post(base + "preview/", {"member": member, "target": target})
        assert response.status_code == 200
        cpu["preview"].append((time.process_time() - used) * 1000)
        return (time.perf_counter() - start) * 1000

    cache.clear()
    cold = preview()
    previews = [preview() for _ in range(args.requests)]
    pages = []
    for _ in range(max(10, args.requests // 10)):
        start, used = time.perf_counter(), time.process_time()
        assert client.get(base).status_code == 200
        pages.append((time.perf_counter() - start) * 1000)
        cpu["page"].append((time.process_time() - used) * 1000)
    print(f"{len(members)} applicants in {len(groups)} groups; load {os.getloadavg()[0]:.1f}")
    print(f"{'request':<28}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'CPU p95':>9}")
    print(f"{'preview (cold: builds model)':<28}{1:>6}{cold:>9.1f}{cold:>9.1f}{cold:>9.1f}")
    rows = (
        ("preview (cached model)", previews, cpu["preview"][1:]),
        ("editor page", pages, cpu["page"]),
    )
    for name, values, used in rows:
        print(
            f"{name:<28}{len(values):>6}{statistics.median(values):>9.1f}"
            f"{_percentile(values, 0.95):>9.1f}{max(values):>9.1f}{_percentile(used, 0.95):>9.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
