"""Retention: what each organisation stops keeping, on a schedule, with a dry run first.

The rules come from the registry (each app declares its own, e.g. declined applications
12 months after they were made); privacy itself adds inactive accounts: warned by e-mail
a month before, erased after the organisation's months of silence. Running twice removes
nothing more (idempotent); a dry run only counts.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from natverk.accounts.models import Organisation, User
from natverk.outbox.actions import Mail, queue_mail
from natverk.privacy.audit import audit
from natverk.privacy.consent import months_for, settings_for
from natverk.privacy.erasure import erase
from natverk.privacy.models import InactivityWarning, RetentionRun
from natverk.privacy.registry import (
    RetentionRule,
    RuleResult,
    call_shred,
    register_retention,
    retention_rules,
)
from natverk.privacy.subjects import for_organisation, subject_for

__all__ = ["months_before", "run_retention", "WARN_BEFORE", "INACTIVE_ACCOUNTS"]

#: How long before an inactive account is removed its owner is warned.
WARN_BEFORE = dt.timedelta(days=30)
INACTIVE_ACCOUNTS = "privacy.accounts.inactive"


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same moment ``months`` calendar months earlier (the 31st becomes the 30th...)."""
    month0 = moment.month - 1 - months
    year = moment.year + month0 // 12
    month = month0 % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def _warn(
    user: User, organisation: Organisation | None, activity: dt.datetime, removal: dt.datetime
) -> None:
    login = settings.NATVERK_SITE_URL.rstrip("/") + reverse("accounts:login")
    values = {
        "since": date_format(timezone.localtime(activity), "j F Y"),
        "date": date_format(timezone.localtime(removal), "j F Y"),
        "login": login,
        "organisation": organisation.name if organisation else "",
    }
    with override(user.preferred_language):
        subject = _("Your data in natverk will be removed")
        if organisation is not None:
            text = _(
                "You have not logged in to natverk since %(since)s.\n\n"
                "To keep no data longer than needed, %(organisation)s will remove what it "
                "holds about you on %(date)s, unless you log in before then:\n%(login)s\n\n"
                "You can download your data first under 'Your data'."
            )
        else:
            text = _(
                "You have not logged in to natverk since %(since)s.\n\n"
                "To keep no data longer than needed, your account will be removed on "
                "%(date)s, unless you log in before then:\n%(login)s\n\n"
                "You can download your data first under 'Your data'."
            )
    queue_mail(
        Mail(
            to=user.email,
            subject=subject,
            body=text % values,
            kind="natverk.privacy.inactive.warning",
            language=user.preferred_language,
            key=(
                f"natverk.privacy.inactive:{organisation.pk if organisation else 0}:"
                f"{user.pk}:{activity:%Y%m%d%H%M%S}"
            ),
            organisation_id=organisation.pk if organisation else None,
            user_id=user.pk,
        )
    )


def _inactive_accounts(
    organisation_id: int | None, now: dt.datetime, months: int, dry_run: bool
) -> RuleResult:
    """Warn, then erase, the organisation's members who have not logged in for months
    (``organisation_id`` None: accounts that belong to no organisation)."""
    limit = months_before(now, months)
    members = (
        User.objects.filter(memberships__organisation_id=organisation_id)
        if organisation_id is not None
        else User.objects.filter(memberships__isnull=True)
    )
    people = members.annotate(activity=Coalesce(F("last_login"), F("date_joined"))).filter(
        activity__lt=limit + WARN_BEFORE
    )
    warnings = {
        w.user_id: w
        for w in InactivityWarning.objects.filter(
            user__in=people,
            organisation_id=organisation_id,
            activity_at=Coalesce(F("user__last_login"), F("user__date_joined")),
        )
    }
    due, warn = [], []
    for person in people:
        warning = warnings.get(person.pk)
        if warning is None:
            warn.append(person)
        elif person.activity < limit and warning.warned_at <= now - WARN_BEFORE:
            due.append(person)
    if not dry_run:
        organisation = (
            Organisation.objects.get(pk=organisation_id) if organisation_id is not None else None
        )
        for person in warn:
            removal = max(now + WARN_BEFORE, months_before(person.activity, -months))
            with transaction.atomic():
                _warn(person, organisation, person.activity, removal)
                InactivityWarning.objects.update_or_create(
                    user=person,
                    organisation_id=organisation_id,
                    defaults={"warned_at": now, "activity_at": person.activity},
                )
        for person in due:
            whole = subject_for(person)
            subject = whole if organisation_id is None else for_organisation(whole, organisation_id)
            erase(subject or whole)
    return RuleResult(due=len(due), warned=len(warn))


register_retention(
    RetentionRule(
        name=INACTIVE_ACCOUNTS,
        label=gettext_lazy("Accounts without a login"),
        after=gettext_lazy("after the last login (you are warned by e-mail a month before)"),
        months=24,
        apply=_inactive_accounts,
        order=900,
    )
)


def _apply(
    rule: RetentionRule, organisation_id: int, now: dt.datetime, months: int, dry: bool
) -> RuleResult:
    if rule.apply is not None:
        return rule.apply(organisation_id, now, months, dry)
    assert rule.rows is not None
    rows = rule.rows(organisation_id, months_before(now, months))
    count = rows.count()
    if not dry and count:
        if rule.shred is not None:
            call_shred(rule.shred, rows, None)
        else:
            rows.delete()
    return RuleResult(due=count)


def run_for_organisation(
    organisation: Organisation, *, now: dt.datetime, dry_run: bool, trigger: str
) -> RetentionRun:
    """Run (or preview) every rule for one organisation and keep the report.

    Not one transaction: each removal is its own (an erasure is atomic), so a long run
    never holds the database's write lock for long, and an interrupted run is finished
    by the next one.
    """
    months = months_for(settings_for(organisation))
    report: list[dict[str, Any]] = []
    for rule in retention_rules():
        result = _apply(rule, organisation.pk, now, months[rule.name], dry_run)
        report.append(
            {
                "rule": rule.name,
                "months": months[rule.name],
                "due": result.due,
                "warned": result.warned,
            }
        )
    run = RetentionRun.objects.create(
        organisation=organisation, ran_at=now, dry_run=dry_run, trigger=trigger, report=report
    )
    if not dry_run and any(row["due"] for row in report):
        audit(
            "natverk.privacy.retention.applied",
            organisation=organisation,
            removed=sum(row["due"] for row in report),
            run=run.pk,
        )
    return run


def run_retention(
    now: dt.datetime | None = None,
    *,
    organisation: Organisation | None = None,
    dry_run: bool | None = None,
    trigger: str = RetentionRun.Trigger.JOB,
) -> list[RetentionRun]:
    """Run retention for one organisation or all; ``dry_run`` None follows each
    organisation's setting (an organisation may keep the job to reports only)."""
    moment = now or timezone.now()
    organisations = [organisation] if organisation else list(Organisation.objects.all())
    runs = []
    for org in organisations:
        dry = settings_for(org).retention_paused if dry_run is None else dry_run
        runs.append(run_for_organisation(org, now=moment, dry_run=dry, trigger=trigger))
    if organisation is None:
        runs.append(_run_without_organisation(moment, bool(dry_run), trigger))
    return runs


def _run_without_organisation(now: dt.datetime, dry_run: bool, trigger: str) -> RetentionRun:
    """Accounts in no organisation follow the default months of the inactive-account rule."""
    rule = next(r for r in retention_rules() if r.name == INACTIVE_ACCOUNTS)
    result = _inactive_accounts(None, now, rule.months, dry_run)
    report = [
        {"rule": rule.name, "months": rule.months, "due": result.due, "warned": result.warned}
    ]
    return RetentionRun.objects.create(
        organisation=None, ran_at=now, dry_run=dry_run, trigger=trigger, report=report
    )
