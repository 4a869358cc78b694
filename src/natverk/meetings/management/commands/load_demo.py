"""``natverk load_demo``: load the demo world and print how to log in.

It lives in the meetings app because the demo holds meetings (the demo member's group
with meetings held and the next ready to run; a year of them for a large demo), and
meetings is the app that may build on programs and accounts.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from natverk.accounts import demo
from natverk.contacts.demo import load_demo_contacts
from natverk.feedback.demo import load_demo_feedback
from natverk.meetings.demo import YearSize, load_demo_meetings, load_demo_year
from natverk.meetings.demo.space import load_demo_group_space
from natverk.networks.demo import load_demo_networks
from natverk.pairing.demo import HR_EMAIL, HR_PASSWORD, load_demo_pairing
from natverk.programs.demo import load_demo_program

#: Members per program of the year's programs (--members 10000 gives 50 programs).
MEMBERS_PER_PROGRAM = 200


def refresh_planner_statistics() -> None:
    """Tell the database what the tables now hold, so that the first requests after a
    bulk load get good plans: PostgreSQL, before its autovacuum had looked, guessed 5
    accepted applications instead of 7,085 and answered a member's page in 12 ms instead
    of 0.04. Outside a transaction PostgreSQL also vacuums, which lets counts read an
    index alone."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")


class Command(BaseCommand):
    help = (
        "Load the demo organisation (300 members by default), a program with applications "
        "and the demo member's group with meetings held and the next ready to run; with "
        "--members 10000, also a year of programs, groups and meetings."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--members", type=int, default=300, help="members in the demo org")
        parser.add_argument(
            "--programs",
            type=int,
            default=None,
            help="published programs with 20 groups each (default: one per 200 members "
            "from 1,000 members on, none below)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        members = options["members"]
        world = demo.load_demo(members=members)
        program = load_demo_program(world)
        programs = options["programs"]
        if programs is None:
            programs = members // MEMBERS_PER_PROGRAM if members >= 1000 else 0
        added = load_demo_year(world, YearSize(programs=programs)) if programs else 0
        running = load_demo_group_space(world)
        meetings = load_demo_meetings(world)
        load_demo_pairing(world)
        load_demo_contacts(world.member)
        load_demo_feedback(running)
        load_demo_networks(world.member)
        refresh_planner_statistics()
        count = world.organisation.memberships.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo organisation '{world.organisation.name}': {count} members; "
                f"program '{program.title}' with {program.applications.count()} applications; "
                f"'{running.title}' running with {running.groups.count()} groups; "
                f"in group {meetings.group.number} of '{meetings.group.program.title}' "
                f"{len(meetings.held)} meetings are held and meeting {meetings.next.number} "
                "is ready to run"
                + (f"; {added} published programs with groups and meetings" if added else "")
                + f" ({time.monotonic() - started:.1f} s)."
            )
        )
        self.stdout.write(
            "\n".join(
                [
                    "",
                    "  Log in at http://127.0.0.1:8000/ as",
                    f"    network leader: {demo.LEADER_EMAIL}  password: {demo.LEADER_PASSWORD}",
                    f"    member:         {demo.MEMBER_EMAIL}  password: {demo.MEMBER_PASSWORD}"
                    "  (in a group with meetings, contacts and a board)",
                    f"    administrator:  {demo.ADMIN_EMAIL}  password: {demo.ADMIN_PASSWORD}",
                    f"    HR at Nordljus (colleague pairing): {HR_EMAIL}  password: {HR_PASSWORD}",
                    "",
                ]
            )
        )
