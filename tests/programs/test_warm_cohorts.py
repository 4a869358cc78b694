"""The worker builds the group editor's models in the background, so that a leader's
first editor request finds them built."""

from __future__ import annotations

import logging

import pytest
from django.core.cache import caches

from natverk.accounts.demo import DemoWorld
from natverk.jobs.registry import jobs
from natverk.meetings.demo.space import load_demo_group_space
from natverk.programs import grouping
from natverk.programs.demo import load_demo_program
from natverk.programs.models import Group, Program


def _forget(key: str) -> None:
    caches["derived"].delete(key)
    grouping._memo.clear()


def test_warm_up_builds_the_model_of_a_program_with_groups(demo: DemoWorld) -> None:
    program = load_demo_group_space(demo)
    key = grouping.cohort_for(program).key
    _forget(key)
    assert caches["derived"].get(key) is None
    assert grouping.warm_cohorts() >= 1
    assert caches["derived"].get(key) is not None


def test_warm_up_leaves_closed_programs_alone(demo: DemoWorld) -> None:
    program = load_demo_group_space(demo)
    key = grouping.cohort_for(program).key
    Program.objects.filter(pk=program.pk).update(status=Program.Status.CLOSED)
    _forget(key)
    grouping.warm_cohorts()
    assert caches["derived"].get(key) is None


def test_warm_up_is_a_job_every_ten_minutes() -> None:
    job = {j.name: j for j in jobs()}["programs.warm_cohorts"]
    assert job.every.total_seconds() == 600


def test_a_program_that_cannot_be_built_is_logged_and_the_others_still_warm(
    demo: DemoWorld, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    running = load_demo_group_space(demo)
    key = grouping.cohort_for(running).key
    broken = load_demo_program(demo, applicants=12)
    Group.objects.create(program=broken, number=1)
    _forget(key)
    build = grouping.cohort_for

    def cohort_for(program: Program) -> grouping.Cohort:
        if program.pk == broken.pk:
            raise ValueError("answers nobody can read")
        return build(program)

    monkeypatch.setattr(grouping, "cohort_for", cohort_for)
    with caplog.at_level(logging.ERROR, logger="natverk.programs.grouping"):
        warmed = grouping.warm_cohorts()
    assert caches["derived"].get(key) is not None
    assert f"could not build the model of program {broken.pk}" in caplog.text
    assert warmed == Program.objects.exclude(status=Program.Status.CLOSED).count() - 1
