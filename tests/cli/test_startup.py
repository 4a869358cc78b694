"""What starting natverk costs: the help imports no subcommand, the core no heavy library.

Timing is a benchmark (docs/benchmarks.md, `natverk --help`); these tests pin what makes
it fast: the modules that are (not) imported.
"""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from natverk.cli import SUBCOMMANDS, SUMMARIES, cli

HEAVY = ("numba", "sklearn", "scipy", "django", "ortools", "openpyxl")


def _imported_after(code: str) -> set[str]:
    """Top-level packages of HEAVY that are in sys.modules after running ``code`` in a
    fresh interpreter."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    return set(out.split()) if out else set()


def test_help_lists_every_subcommand_without_importing_any() -> None:
    code = (
        "from click.testing import CliRunner\n"
        "from natverk.cli import cli\n"
        "result = CliRunner().invoke(cli, ['--help'])\n"
        "assert result.exit_code == 0 and 'solve' in result.output, result.output\n"
        "import sys\n"
        "loaded = [m for m in sys.modules if m.startswith('natverk.cli.')]  # the clock only\n"
        "assert loaded == ['natverk.cli._clock'], loaded"
    )
    assert _imported_after(code) == set()


@pytest.mark.parametrize(
    "module",
    ["natverk.matching", "natverk.taxonomy", "natverk.language", "natverk.schedule"],
)
def test_importing_the_core_loads_no_heavy_library(module: str) -> None:
    assert _imported_after(f"import {module}") == set()


def test_every_subcommand_has_a_summary_equal_to_its_own_help() -> None:
    ctx = click.Context(cli)
    for name in [*SUBCOMMANDS, "manage"]:
        command = cli.get_command(ctx, name)
        assert command is not None
        assert SUMMARIES[name] == command.get_short_help_str(limit=80), name
