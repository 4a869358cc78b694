"""Retention on a moved clock: an inactive person is warned, then erased with nothing
left in the database; declined applications and old notes go; a dry run removes nothing;
running twice removes nothing more."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from natverk.accounts.models import User
from natverk.outbox.actions import deliver
from natverk.outbox.models import Message
from natverk.privacy.actions import save_settings
from natverk.privacy.models import RetentionRun
from natverk.privacy.retention import months_before, run_retention
from natverk.privacy.subjects import subject_for
from natverk.programs.models import Application, InterviewNote, Participation
from tests.privacy.markers import dump_database, found, plant
from tests.privacy.world import PrivacyWorld, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> PrivacyWorld:
    return build_world()


def _months_later(months: int, days: int = 0) -> dt.datetime:
    return months_before(timezone.now(), -months) + dt.timedelta(days=days)


def _report(run: RetentionRun) -> dict[str, tuple[int, int]]:
    return {row["rule"]: (row["due"], row["warned"]) for row in run.report}


def test_months_before_keeps_the_day_where_the_month_has_it() -> None:
    moment = dt.datetime(2027, 3, 31, 12, tzinfo=dt.UTC)
    assert months_before(moment, 1) == dt.datetime(2027, 2, 28, 12, tzinfo=dt.UTC)
    assert months_before(moment, 12) == dt.datetime(2026, 3, 31, 12, tzinfo=dt.UTC)
    assert months_before(moment, -10) == dt.datetime(2028, 1, 31, 12, tzinfo=dt.UTC)


def test_an_inactive_person_is_warned_then_erased_with_no_marker_left(world: PrivacyWorld) -> None:
    a = plant(subject_for(world.people["a"]), "a")
    b = plant(subject_for(world.people["b"]), "b")
    person, active = world.people["a"], world.people["b"]
    # The other person, the leader and the administrator keep logging in.
    User.objects.filter(pk__in=[active.pk, world.leader.pk, world.admin.pk]).update(
        last_login=_months_later(25)
    )
    declined = set(
        Application.objects.filter(status=Application.Status.DECLINED).values_list("pk", flat=True)
    )
    # A declined application's own side (its participation) goes with it.
    declined_sides = set(
        Participation.objects.filter(application_id__in=declined).values_list("pk", flat=True)
    )

    # 23 months and ten days in: the person is warned (through the outbox), nothing erased.
    first = _months_later(23, 10)
    (run, *_rest) = run_retention(first)
    due, warned = _report(run)["privacy.accounts.inactive"]
    assert due == 0 and warned >= 1
    # (The planted mails hold markers, not attachments: deliver only the warnings.)
    for message in Message.objects.filter(kind="natverk.privacy.inactive.warning"):
        deliver(message.pk)
    person.refresh_from_db()
    assert any(person.email in m.to for m in mail.outbox)
    assert User.objects.filter(pk=person.pk).exists()
    # Declined applications (12 months) and notes (6 months after the program) are gone.
    assert not Application.objects.filter(pk__in=declined).exists()
    assert not InterviewNote.objects.exists()

    # A month later, still silent: erased.
    second = first + dt.timedelta(days=31)
    (run, *_rest) = run_retention(second)
    assert _report(run)["privacy.accounts.inactive"][0] >= 1
    assert not User.objects.filter(pk=person.pk).exists()
    assert User.objects.filter(pk=active.pk).exists()

    dump = dump_database()
    assert {m: a.markers.get(m) for m in found(a.all(), dump)} == {}
    removed = {
        m
        for m, where in b.markers.items()
        if where.startswith("programs.InterviewNote")
        or any(where == f"programs.Application.{f}#{pk}" for pk in declined for f in _FIELDS)
        or any(
            where.startswith("programs.Participation.") and where.endswith(f"#{pk}")
            for pk in declined_sides
        )
    }
    assert removed and found(removed, dump) == set()
    lost = b.all() - removed - found(b.all() - removed, dump)
    assert {m: b.markers.get(m) for m in lost} == {}

    # Idempotent: the same moment again removes and warns nobody.
    (run, *_rest) = run_retention(second)
    assert all(due == 0 and warned == 0 for due, warned in _report(run).values())


_FIELDS = (
    "name",
    "profession",
    "industry",
    "employer",
    "region",
    "seniority",
    "hopes",
    "offers",
    "answers",
)


def test_a_dry_run_counts_and_removes_nothing(world: PrivacyWorld) -> None:
    before = Application.objects.count()
    (run, *_rest) = run_retention(_months_later(13), dry_run=True)
    assert run.dry_run
    assert _report(run)["programs.applications.declined"] == (2, 0)
    assert Application.objects.count() == before
    assert not mail.outbox


def test_an_organisation_can_keep_retention_to_reports(world: PrivacyWorld) -> None:
    save_settings(world.organisation, by=world.admin, retention_paused=True)
    (run, *_rest) = run_retention(_months_later(13))
    assert run.dry_run and _report(run)["programs.applications.declined"][0] == 2
    assert Application.objects.filter(status=Application.Status.DECLINED).count() == 2


def test_shorter_periods_set_by_the_organisation_apply(world: PrivacyWorld) -> None:
    save_settings(
        world.organisation,
        by=world.admin,
        retention={"programs.applications.declined": 3},
    )
    (run, *_rest) = run_retention(_months_later(4))
    assert _report(run)["programs.applications.declined"] == (2, 0)
    assert not Application.objects.filter(status=Application.Status.DECLINED).exists()


def test_a_login_after_the_warning_keeps_the_account(world: PrivacyWorld) -> None:
    person = world.people["a"]
    first = _months_later(23, 10)
    run_retention(first)
    User.objects.filter(pk=person.pk).update(last_login=first + dt.timedelta(days=2))
    run_retention(first + dt.timedelta(days=31))
    assert User.objects.filter(pk=person.pk).exists()
