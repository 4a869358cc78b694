"""What meetings hold about a person, for the privacy registry.

Private notes are the author's alone: exported and deleted with them. Shared notes,
parked questions and proposed themes belong to the group: they are exported to the
person who wrote them, and on erasure keep their text but lose the author. Attendance,
opening-round turns (with the question the leader wrote for the person) and votes are
about the person and go with them; decisions and to-dos lose who wrote them and whose
they were.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from natverk.meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaTemplate,
    Attendance,
    Meeting,
    OpeningTurn,
    ParkingQuestion,
    PrivateNote,
    SharedNote,
    TemplateBlock,
    ThemeProposal,
    ThemeVote,
)
from natverk.privacy.registry import ERASE_DELETE, PersonalData, Subject, register, register_none
from natverk.programs.privacy import application_filter


def _by_user(model: type[models.Model], field: str) -> Any:
    def rows(subject: Subject) -> models.QuerySet[Any]:
        if subject.user_id is None:
            return model._default_manager.none()
        return model._default_manager.filter(**{f"{field}_id": subject.user_id})

    return rows


def _by_application(model: type[models.Model], prefix: str) -> Any:
    def rows(subject: Subject) -> models.QuerySet[Any]:
        return model._default_manager.filter(application_filter(subject, prefix))

    return rows


def _unlink(*fields: str) -> Any:
    def shred(rows: models.QuerySet[Any]) -> None:
        rows.update(**dict.fromkeys(fields))

    return shred


def _action_items(subject: Subject) -> models.QuerySet[Any]:
    query = application_filter(subject, "who__")
    if subject.user_id is not None:
        query |= Q(created_by_id=subject.user_id)
    return ActionItem.objects.filter(query)


def _shred_action_items(rows: models.QuerySet[Any]) -> None:
    ids = list(rows.values_list("pk", flat=True))
    ActionItem.objects.filter(pk__in=ids).update(created_by=None, who=None)


register(
    PersonalData(
        PrivateNote,
        _by_user(PrivateNote, "author"),
        fields=("text", "updated_at"),
        erase=ERASE_DELETE,
        label="private meeting notes",
    )
)
register(
    PersonalData(
        SharedNote,
        _by_user(SharedNote, "updated_by"),
        fields=("text", "updated_at"),
        shred=_unlink("updated_by"),
        kept="the group's notes stay with the group, without your name",
        label="shared meeting notes",
    )
)
register(
    PersonalData(
        ParkingQuestion,
        _by_user(ParkingQuestion, "author"),
        fields=("text", "created_at", "answer"),
        shred=_unlink("author"),
        kept="the group's questions stay with the group, without your name",
        label="parked questions",
    )
)
register(
    PersonalData(
        ThemeProposal,
        _by_user(ThemeProposal, "author"),
        fields=("text", "created_at"),
        shred=_unlink("author"),
        kept="proposed themes stay with the group, without your name",
        label="proposed themes",
    )
)
register(
    PersonalData(ThemeVote, _by_user(ThemeVote, "voter"), fields=("proposal",), label="theme votes")
)
register(
    PersonalData(
        Attendance,
        _by_application(Attendance, "application__"),
        fields=("meeting", "status", "marked_at"),
        label="meeting attendance",
    )
)
register(
    PersonalData(
        OpeningTurn,
        _by_application(OpeningTurn, "application__"),
        fields=("meeting", "question", "started_at", "ended_at"),
        label="opening-round turns",
    )
)
register(
    PersonalData(
        ActionItem,
        _action_items,
        fields=("kind", "text", "due_on", "done_at", "created_at"),
        shred=_shred_action_items,
        kept="the group's decisions and to-dos stay, without your name",
        label="decisions and to-dos",
    )
)
register_none(Meeting, "a group's meeting date, theme, place and run state")
register_none(AgendaTemplate, "a program's agenda template")
register_none(TemplateBlock, "a block of an agenda template")
register_none(AgendaItem, "a block of a meeting's agenda")
