"""Fixtures for the program workflow: the demo world with its demo program."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.management import call_command

from natverk.accounts.demo import DemoWorld
from natverk.programs.demo import load_demo_program
from natverk.programs.models import Program


@pytest.fixture
def program(demo: DemoWorld) -> Program:
    """The demo program: 64 applications, 56 accepted, intake open."""
    return load_demo_program(demo, applicants=40)


def run_worker() -> None:
    """Run the real database task worker until the queue is empty.

    The worker closes "old" connections between tasks; inside a test's transaction
    Django counts the test's own connection as old, and closing it would end the test
    on PostgreSQL. The worker runs unchanged otherwise.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
