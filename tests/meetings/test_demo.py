"""The large demo: a year of published programs, groups and meetings, loaded in bulk."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from natverk.accounts.demo import DEMO_SLUG, DemoWorld, load_demo
from natverk.meetings.demo import YEAR_THEME, YearSize, load_demo_year
from natverk.meetings.models import Meeting
from natverk.programs.models import Group, GroupMember, MatchingRun, Program

SMALL_YEAR = YearSize(programs=4, groups_per_program=3, group_size=7)


@pytest.fixture
def world(db: None) -> DemoWorld:
    return load_demo(members=120)


def test_year_has_programs_groups_members_and_meetings(world: DemoWorld) -> None:
    assert load_demo_year(world, SMALL_YEAR) == 4
    programs = Program.objects.filter(theme=YEAR_THEME)
    assert programs.count() == 4
    assert Group.objects.filter(program__in=programs).count() == 12
    assert GroupMember.objects.filter(group__program__in=programs).count() == 84
    assert Meeting.objects.filter(group__program__in=programs).count() == 12 * 6
    # Every program is published with one finished run whose result is its groups.
    for program in programs:
        assert program.published_at is not None
        run = MatchingRun.objects.get(program=program)
        groups = [
            sorted(g.members.values_list("application_id", flat=True)) for g in program.groups.all()
        ]
        assert [sorted(ids) for ids in run.result] == groups


def test_year_meetings_lie_around_today_and_suit_every_member(world: DemoWorld) -> None:
    load_demo_year(world, SMALL_YEAR)
    today = timezone.now()
    meetings = Meeting.objects.filter(group__program__theme=YEAR_THEME)
    assert meetings.filter(starts_at__lt=today).exists()
    assert meetings.filter(starts_at__gt=today).exists()
    first, last = meetings.order_by("starts_at").first(), meetings.order_by("starts_at").last()
    assert first is not None and last is not None
    assert last.starts_at - first.starts_at > dt.timedelta(weeks=30)
    for group in Group.objects.filter(program__theme=YEAR_THEME).prefetch_related(
        "members__application"
    ):
        for member in group.members.all():
            assert group.slot in member.application.availability.split(",")


def test_year_includes_the_demo_member_and_loads_once(world: DemoWorld) -> None:
    load_demo_year(world, SMALL_YEAR)
    assert GroupMember.objects.filter(application__user=world.member).exists()
    assert load_demo_year(world, SMALL_YEAR) == 0
    assert Program.objects.filter(theme=YEAR_THEME).count() == 4


def test_load_demo_command_adds_a_year_for_large_organisations(db: None) -> None:
    out = StringIO()
    call_command("load_demo", members=150, programs=2, stdout=out)
    assert "2 published programs with groups and meetings" in out.getvalue()
    assert Program.objects.filter(organisation__slug=DEMO_SLUG, theme=YEAR_THEME).count() == 2
    assert "lena.ledare@example.org" in out.getvalue()


def test_load_demo_command_keeps_the_small_demo_small(db: None) -> None:
    call_command("load_demo", members=40, stdout=StringIO())
    assert not Program.objects.filter(theme=YEAR_THEME).exists()


def test_load_demo_command_leaves_planner_statistics_behind(db: None) -> None:
    call_command("load_demo", members=40, stdout=StringIO())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'programs_application'")
            assert cursor.fetchone()[0] > 0  # -1 (never analysed) before
        else:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'programs_application'")
            assert cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_load_demo_command_vacuums_postgresql_outside_a_transaction() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("VACUUM is PostgreSQL's")
    call_command("load_demo", members=40, stdout=StringIO())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'programs_application'"
        )
        assert cursor.fetchone()[0] is not None
