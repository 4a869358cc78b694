"""What programs hold about a person, for the privacy registry."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from natverk.privacy.registry import (
    ERASE_BLANK,
    ERASE_DELETE,
    PersonalData,
    Subject,
    register,
    register_none,
)
from natverk.programs.models import (
    Application,
    BoardPost,
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


register(
    PersonalData(
        Application,
        _applications,
        fields=(
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
        erase=ERASE_BLANK,
        label="applications",
    )
)
register(
    PersonalData(
        InterviewNote, _notes, fields=("text", "created_at"), erase=ERASE_DELETE, label="notes"
    )
)
register_none(Program, "a program's settings; its creator is a link to an account")
register_none(IntakeQuestion, "a leader's question to every applicant")
register_none(MatchingRun, "application ids per group and scores")
register_none(Group, "a group's number, lock, video link and meeting time")
register_none(GroupMember, "a link between an application and a group")
register_none(Placement, "a link between an application and the group its person was told about")


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
        label="group settings",
    )
)
register(
    PersonalData(
        BoardPost,
        _posts,
        fields=("text", "created_at", "hidden_at"),
        shred=shred_posts,
        label="board posts",
    )
)
