"""``natverk load_demo``: load the demo world and print how to log in."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from natverk.accounts import demo
from natverk.pairing.demo import HR_EMAIL, HR_PASSWORD, load_demo_pairing
from natverk.programs.demo import load_demo_program


class Command(BaseCommand):
    help = "Load the demo organisation (about 300 members) and a program with applications."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--members", type=int, default=300, help="members in the demo org")

    def handle(self, *args: Any, **options: Any) -> None:
        world = demo.load_demo(members=options["members"])
        program = load_demo_program(world)
        load_demo_pairing(world)
        count = world.organisation.memberships.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo organisation '{world.organisation.name}': {count} members; "
                f"program '{program.title}' with {program.applications.count()} applications."
            )
        )
        self.stdout.write(
            "\n".join(
                [
                    "",
                    "  Log in at http://127.0.0.1:8000/ as",
                    f"    network leader: {demo.LEADER_EMAIL}  password: {demo.LEADER_PASSWORD}",
                    f"    member:         {demo.MEMBER_EMAIL}  password: {demo.MEMBER_PASSWORD}",
                    f"    administrator:  {demo.ADMIN_EMAIL}  password: {demo.ADMIN_PASSWORD}",
                    f"    HR at Nordljus (colleague pairing): {HR_EMAIL}  password: {HR_PASSWORD}",
                    "",
                ]
            )
        )
