"""What programs hold about a person, for the privacy registry, and how long."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from natverk.privacy.erasure import blank_rows
from natverk.privacy.registry import (
    ERASE_BLANK,
    ERASE_DELETE,
    ERASE_KEEP,
    PersonalData,
    RetentionRule,
    Subject,
    register,
    register_none,
    register_retention,
)
from natverk.programs.models import (
    Application,
    ApplicationFile,
    BoardPost,
    Goal,
    Group,
    GroupMember,
    IntakeQuestion,
    InterviewNote,
    MatchingRun,
    Participation,
    Placement,
    Program,
)


def application_filter(subject: Subject, prefix: str = "") -> Q:
    """Applications made by the person's account or from one of their addresses."""
    query = Q(**{f"{prefix}email__in": sorted(subject.emails)})
    if subject.user_id is not None:
        query |= Q(**{f"{prefix}user_id": subject.user_id})
    return query


def _applications(subject: Subject) -> models.QuerySet[Any]:
    return Application.objects.filter(application_filter(subject))


def _notes(subject: Subject) -> models.QuerySet[Any]:
    return InterviewNote.objects.filter(application_filter(subject, "application__"))


def _places(subject: Subject) -> models.QuerySet[Any]:
    return GroupMember.objects.filter(application_filter(subject, "application__"))


def _shred_applications(rows: models.QuerySet[Any], subject: Subject) -> None:
    """Applications with a place in a group (working or published) are emptied: the
    group keeps "a former member"; the others are deleted with their notes."""
    placed = Q(membership__isnull=False) | Q(placement__isnull=False)
    rows.exclude(placed).delete()
    blank_rows(APPLICATIONS, rows.filter(placed).distinct(), subject)


APPLICATIONS = register(
    PersonalData(
        Application,
        _applications,
        fields=(
            "program__title",
            "name",
            "email",
            "profession",
            "industry",
            "employer",
            "region",
            "seniority",
            "languages",
            "hopes",
            "offers",
            "availability",
            "answers",
            "status",
            "created_at",
        ),
        # A group keeps its former member's languages and meeting times (its plan holds).
        keep=("program__title", "languages", "availability", "status", "created_at"),
        erase=ERASE_BLANK,
        shred=_shred_applications,
        scope="program__organisation",
        names=("name",),
        kept=_(
            'A group you were in keeps a place for "a former member" (with the languages and '
            "meeting times it was planned for), without your name or answers."
        ),
        label=_("applications"),
    )
)
register(
    PersonalData(
        InterviewNote,
        _notes,
        fields=("text", "created_at"),
        keep=("created_at",),
        erase=ERASE_DELETE,
        scope="application__program__organisation",
        mentions=("text",),
        label=_("pre-interview notes about you"),
    )
)
register(
    PersonalData(
        GroupMember,
        _places,
        fields=("group__program__title", "group__number"),
        erase=ERASE_KEEP,
        scope="group__program__organisation",
        kept=_('Your place in a group stays as "a former member", so its history holds.'),
        label=_("groups"),
    )
)
register(
    PersonalData(
        ApplicationFile,
        lambda subject: ApplicationFile.objects.filter(uploaded_by_id=subject.user_id or 0),
        fields=("program__title", "filename", "created_at"),
        erase=ERASE_DELETE,
        scope="program__organisation",
        label=_("forms exports you uploaded"),
    )
)
register_none(Program, "a program's settings; its creator is a link to an account")
register_none(IntakeQuestion, "a leader's question to every applicant")
register_none(MatchingRun, "application ids per group and scores")
register_none(Group, "a group's number, lock, video link and meeting time")
register_none(Placement, "a link between an application and the group its person was told about")


def _declined(organisation_id: int, cutoff: dt.datetime) -> models.QuerySet[Any]:
    return Application.objects.filter(
        program__organisation_id=organisation_id,
        status__in=(Application.Status.DECLINED, Application.Status.WAITLISTED),
        created_at__lt=cutoff,
        membership__isnull=True,
    )


def program_end(program: Program) -> dt.date | None:
    """When a published program's last meeting is planned (None before publishing)."""
    if program.published_at is None:
        return None
    start = program.first_meeting_on or program.published_at.date()
    return max(start, program.published_at.date()) + dt.timedelta(weeks=program.span_weeks)


def _notes_after_end(organisation_id: int, cutoff: dt.datetime) -> models.QuerySet[Any]:
    ended = [
        program.pk
        for program in Program.objects.filter(
            organisation_id=organisation_id, published_at__isnull=False
        )
        if (end := program_end(program)) is not None and end < cutoff.date()
    ]
    return InterviewNote.objects.filter(application__program_id__in=ended)


register_retention(
    RetentionRule(
        name="programs.applications.declined",
        label=_("Declined and waitlisted applications"),
        after=_("after the application"),
        months=12,
        rows=_declined,
        order=10,
    )
)
register_retention(
    RetentionRule(
        name="programs.notes",
        label=_("Pre-interview notes"),
        after=_("after the program ends"),
        months=6,
        rows=_notes_after_end,
        order=20,
    )
)


def _participations(subject: Subject) -> models.QuerySet[Any]:
    return Participation.objects.filter(application_filter(subject, "application__"))


def _posts(subject: Subject) -> models.QuerySet[Any]:
    return BoardPost.objects.filter(author_id=subject.user_id or 0)


def shred_posts(rows: models.QuerySet[Any]) -> None:
    """Keep the posts in their threads as "a former member", with the text removed."""
    rows.update(author=None, text="", erased=True)


register(
    PersonalData(
        Participation,
        _participations,
        fields=(
            "language",
            "share_email",
            "share_phone",
            "share_linkedin",
            "notify",
            "reminders",
            "state",
            "reason",
            "state_changed_at",
        ),
        erase=ERASE_DELETE,
        scope="application__program__organisation",
        mentions=("reason",),
        label=_("your settings in groups"),
    )
)
register(
    PersonalData(
        BoardPost,
        _posts,
        fields=("group__program__title", "group__number", "text", "created_at", "hidden_at"),
        shred=shred_posts,
        scope="group__program__organisation",
        mentions=("text",),
        kept=_('Your posts stay in their threads as "a former member", without their text.'),
        label=_("board posts"),
    )
)


def _goals(subject: Subject) -> models.QuerySet[Any]:
    return Goal.objects.filter(application_filter(subject, "application__"))


register(
    PersonalData(
        Goal,
        _goals,
        fields=("application__program__title", "number", "text", "progress", "note", "updated_at"),
        erase=ERASE_DELETE,
        scope="application__program__organisation",
        mentions=("text", "note"),
        label=_("your goals for taking part"),
    )
)
