"""The ``natverk`` command: a thin click group over the core and the Django site.

Each subcommand lives in its own module and is imported only when used, so that
``natverk solve`` does not pay for Django and ``natverk runserver`` does not pay
for numba; ``natverk --help`` lists them from :data:`SUMMARIES` and imports none.
Any name that is not a natverk subcommand is handed to Django's management commands
(``natverk migrate``, ``natverk check --deploy``, ...).
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from natverk.cli._clock import mark_invoked, mark_process_started

__all__ = ["main", "cli"]

# name -> "module:attribute"; add a line here when adding a subcommand module.
SUBCOMMANDS: dict[str, str] = {
    "solve": "natverk.cli.solve:solve",
    "match": "natverk.cli.match:match",
    "rooms": "natverk.cli.rooms:rooms",
    "pairs": "natverk.cli.rooms:pairs",
    "talktime": "natverk.cli.talktime:talktime",
    "export-person": "natverk.cli.privacy:export_person",
    "erase-person": "natverk.cli.privacy:erase_person",
    "serve": "natverk.cli.serve:serve",
    "contacts": "natverk.cli.contacts:contacts",
}
#: The one-line help of each subcommand, for ``natverk --help`` (a test keeps it equal to
#: the command's own); a subcommand without a line here is imported to ask it.
SUMMARIES: dict[str, str] = {
    "solve": "Split the elements of FILE into groups maximising the within-group score.",
    "match": "Match APPLICANTS (CSV or XLSX from Google/Microsoft Forms) into groups.",
    "rooms": "Plan breakout rounds for PEOPLE (CSV or XLSX: name, e-mail, department, home...",
    "pairs": "Pair colleagues 1:1 across departments (a trio when the count is odd).",
    "export-person": "Write everything natverk holds about EMAIL to a ZIP (JSON and CSV).",
    "erase-person": "Erase EMAIL: every registered shredder in one transaction; logs are redacted.",
    "serve": "Serve natverk with gunicorn and run the task worker beside it.",
    "contacts": "A member's contacts: import files, export them.",
    "talktime": "Talk time per speaker in TRANSCRIPT (WebVTT from Zoom or Teams): seconds,...",
    "manage": "Run a Django management command (migrate, runserver, check, ...).",
}


def run_django(args: list[str]) -> None:
    """Run a Django management command with the natverk settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natverk.site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["natverk", *args])


class NatverkGroup(click.Group):
    """A click group that loads subcommands lazily and falls back to Django."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*SUBCOMMANDS, "manage"])

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The subcommands and their one-line help, without importing them."""
        rows = []
        for name in self.list_commands(ctx):
            summary = SUMMARIES.get(name)
            if summary is None:
                command = self.get_command(ctx, name)
                summary = command.get_short_help_str() if command is not None else ""
            rows.append((name, summary))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = SUBCOMMANDS.get(cmd_name)
        if target is not None:
            module_name, attr = target.split(":")
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                return None
            command = getattr(module, attr)
            assert isinstance(command, click.Command)
            return command
        return manage if cmd_name == "manage" else _django_command(cmd_name)


@click.command(
    name="manage",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.pass_context
def manage(ctx: click.Context) -> None:
    """Run a Django management command (migrate, runserver, check, ...)."""
    run_django(list(ctx.args))


def _django_command(name: str) -> click.Command:
    @click.command(
        name=name,
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
        add_help_option=False,
    )
    @click.pass_context
    def passthrough(ctx: click.Context) -> None:
        run_django([name, *ctx.args])

    return passthrough


@click.group(cls=NatverkGroup)
@click.version_option(package_name="natverk")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """natverk: networking programs, matching, meetings and contacts."""
    mark_invoked(ctx)


def main() -> None:
    """Console-script entry point: ``--time-limit`` counts from the process's start."""
    mark_process_started()
    cli(args=sys.argv[1:], prog_name="natverk")
