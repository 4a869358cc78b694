"""The clock of a command: ``--time-limit`` counts from when the command started.

Run as the ``natverk`` program, a command started when its process did: the kernel
records that moment (``/proc/self/stat`` on Linux), so the interpreter's start and the
imports count against the limit too, as they do for someone timing the command from
outside. Invoked in-process (click's ``CliRunner`` in the tests), it started when the
click group was invoked. Times are on ``time.monotonic()``, the clock the matching engine
and its forked worker keep their deadlines on.
"""

from __future__ import annotations

import gc
import os
import time

import click

__all__ = [
    "command_started",
    "mark_invoked",
    "mark_process_started",
    "process_started",
    "quick_exit",
    "search_limit",
]

_KEY = "natverk.started"
#: An age above this is not a program that just started (``main()`` called in a long
#: running process): its clock starts now.
_FRESH_SECONDS = 30.0
_process: dict[str, float] = {}


def search_limit(time_limit: float, writing: float = 0.0) -> float:
    """The part of a command's ``--time-limit`` (counted from its start) that may go to
    ``form_groups``: the rest is kept for ``writing`` the result (an estimate, in
    seconds) and for the process to end (0.15 s and 1 % of the limit, at most 1 s)."""
    return max(0.0, time_limit - writing - min(1.0, 0.15 + 0.01 * time_limit))


def process_started() -> float:
    """``time.monotonic()`` when this process started, as far as the system tells it
    (Linux: ``/proc/self/stat`` against ``CLOCK_BOOTTIME``); else now."""
    now = time.monotonic()
    try:
        with open("/proc/self/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        ticks = int(fields[19])  # field 22, starttime, counted from field 3 (state)
        age = time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return now
    return now - age if 0.0 <= age <= _FRESH_SECONDS else now


def mark_process_started() -> None:
    """Called by the ``natverk`` program before anything else: commands count from the
    process's start."""
    _process["started"] = process_started()


def mark_invoked(ctx: click.Context) -> None:
    """Called when the click group is invoked: the start of this command, shared by
    every nested context (``ctx.meta``)."""
    ctx.meta.setdefault(_KEY, _process.get("started", time.monotonic()))


def command_started() -> float:
    """``time.monotonic()`` when the running command started (now, outside a command)."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        started = ctx.meta.get(_KEY)
        if isinstance(started, float):
            return started
    return _process.get("started", time.monotonic())


def quick_exit() -> None:
    """Let the interpreter leave without a last garbage collection over everything a
    search loaded (numba, numpy, the scores): it cost 0.1-0.4 s after ``natverk
    solve`` on a quiet machine and more under load. Objects are still released and
    files closed as usual."""
    gc.freeze()
