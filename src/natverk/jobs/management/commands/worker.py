"""``natverk worker``: the task queue worker plus the periodic-job clock beside it."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from natverk.jobs.registry import run_due_jobs

logger = logging.getLogger("natverk.jobs")


def _clock(stop: threading.Event, interval: float) -> None:
    while not stop.is_set():
        try:
            due = run_due_jobs()
            if due:
                logger.info("enqueued periodic jobs: %s", ", ".join(due))
        except Exception:  # a failing clock must not stop the worker; it tries again
            logger.exception("periodic jobs could not be enqueued")
        finally:
            close_old_connections()
        stop.wait(interval)


class Command(DbWorkerCommand):
    help = "Run background tasks and enqueue periodic jobs when they are due."

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--clock-interval",
            type=float,
            default=30.0,
            help="Seconds between checks for due periodic jobs (default 30; 0 disables).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        interval = float(options.pop("clock_interval"))
        if interval > 0 and not options.get("batch"):
            threading.Thread(target=_clock, args=(stop, interval), daemon=True).start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
