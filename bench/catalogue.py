"""How fast the catalogue answers: the whole list, a filtered list, one program's page and
a leader's photo, for an organisation with many open programs and events.

Sets up a throwaway SQLite database, loads the demo organisation, opens ``--programs``
programs with ``--joined`` accepted applicants each (counted by profession, industry and
region on every request) and ``--events`` events with registrations, makes the
catalogue public and requests the real views anonymously through Django's test client.
Prints p50/p95/max per kind of request.

    .venv/bin/python bench/catalogue.py [--programs 20] [--joined 40] [--events 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _setup(programs: int, joined: int, events: int) -> dict[str, str]:
    """The demo organisation with a public catalogue; the addresses to request."""
    from django.urls import reverse
    from django.utils import timezone
    from tests.pictures import png

    from natverk.accounts import actions as accounts
    from natverk.accounts.demo import load_demo
    from natverk.accounts.models import Organisation, Profile
    from natverk.live.actions import events as live
    from natverk.programs import actions
    from natverk.programs.models import Application

    world = load_demo(members=max(joined, 60))
    org = world.organisation
    accounts.set_catalogue_visibility(org, Organisation.Catalogue.PUBLIC)
    photo = accounts.set_photo(world.leader, png(96, 96))
    profiles = list(Profile.objects.filter(user__memberships__organisation=org)[:joined])
    today = timezone.localdate()
    first = None
    for n in range(programs):
        program = actions.create_program(
            org,
            by=world.leader,
            title=f"Program {n}",
            format=("digital", "hybrid", "in_person")[n % 3],
            audience_professions="2432",
            first_meeting_on=today + dt.timedelta(days=30 + n),
            application_deadline=today + dt.timedelta(days=20),
        )
        actions.open_intake(program)
        first = first or program
        Application.objects.bulk_create(
            Application(
                program=program,
                user=p.user,
                name=p.user.name,
                email=p.user.email,
                profession=p.profession,
                industry=p.industry,
                region=p.region,
                hopes="h",
                offers="o",
                status=Application.Status.ACCEPTED,
            )
            for p in profiles
        )
    for n in range(events):
        start = timezone.now() + dt.timedelta(days=5 + n)
        event = live.create_event(
            org, by=world.leader, theme=f"Event {n}", starts_at=start,
            ends_at=start + dt.timedelta(hours=1), capacity=200,
        )  # fmt: skip
        for p in profiles[:joined]:
            live.register(event, name=p.user.name, email=p.user.email, user=p.user)
    assert first is not None
    slug = org.slug
    return {
        "list": reverse("programs:catalogue", args=[slug]),
        "filtered": reverse("programs:catalogue", args=[slug])
        + "?format=digital&language=sv&profession=2432&hours=10",
        "program page": reverse("programs:listing", args=[slug, first.pk]),
        "leader photo": reverse(
            "programs:leader_photo", args=[slug, world.leader.pk, photo.version]
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--programs", type=int, default=20)
    parser.add_argument("--joined", type=int, default=40)
    parser.add_argument("--events", type=int, default=5)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    os.environ.update(
        {"NATVERK_DEBUG": "1", "NATVERK_DATA_DIR": tempfile.mkdtemp(prefix="natverk-bench-")}
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natverk.site.settings")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    urls = _setup(args.programs, args.joined, args.events)
    client = Client()
    print(
        f"{args.programs} open programs x {args.joined} joined, {args.events} events "
        f"x {args.joined} registered; {args.requests} requests each (ms)"
    )
    print(f"{'request':<14}{'p50':>8}{'p95':>8}{'max':>8}{'bytes':>9}")
    for name, url in urls.items():
        times, size = [], 0
        for _ in range(args.requests):
            start = time.perf_counter()
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            size = len(response.content)
        print(
            f"{name:<14}{statistics.median(times):>8.1f}{_percentile(times, 0.95):>8.1f}"
            f"{max(times):>8.1f}{size:>9}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
