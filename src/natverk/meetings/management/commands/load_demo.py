"""``natverk load_demo``: load the demo world and print how to log in.

It lives in the meetings app because a large demo (``--members 10000``) also plans a
year of meetings, and meetings is the app that may build on programs and accounts.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from natverk.accounts import demo
from natverk.contacts.demo import load_demo_contacts
from natverk.meetings.demo import YearSize, load_demo_year
from natverk.programs.demo import load_demo_program
from natverk.programs.demo_space import load_demo_group_space

#: Members per program of the year's programs (--members 10000 gives 50 programs).
MEMBERS_PER_PROGRAM = 200


class Command(BaseCommand):
    help = (
        "Load the demo organisation (300 members by default) and a program with applications; "
        "with --members 10000, also a year of programs, groups and meetings."
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
        load_demo_contacts(world.member)
        count = world.organisation.memberships.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo organisation '{world.organisation.name}': {count} members; "
                f"program '{program.title}' with {program.applications.count()} applications; "
                f"'{running.title}' running with {running.groups.count()} groups"
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
                    "",
                ]
            )
        )
