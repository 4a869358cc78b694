"""What meetings hold about a person, for the privacy registry.

Private notes are the author's alone: exported and deleted with them. Attendance,
opening-round turns (with the question the leader wrote for the person) and theme votes
are about the person and go with them. What the group shares stays with the group:
shared notes, parked questions, proposed themes, decisions and to-dos keep their text
and lose the person's name (the link to the account is cleared and the erasure redacts
the name where the text mentions it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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
from natverk.privacy.registry import (
    ERASE_BLANK,
    ERASE_DELETE,
    PersonalData,
    Subject,
    register,
    register_none,
)
from natverk.programs.privacy import application_filter

ORGANISATION = "meeting__group__program__organisation"
Rows = Callable[[Subject], "models.QuerySet[Any]"]


def _by_user(model: type[models.Model], *fields: str) -> Rows:
    def rows(subject: Subject) -> models.QuerySet[Any]:
        if subject.user_id is None:
            return model._default_manager.none()
        query = Q()
        for name in fields:
            query |= Q(**{f"{name}_id": subject.user_id})
        return model._default_manager.filter(query)

    return rows


def _by_application(model: type[models.Model]) -> Rows:
    def rows(subject: Subject) -> models.QuerySet[Any]:
        return model._default_manager.filter(application_filter(subject, "application__"))

    return rows


def _action_items(subject: Subject) -> models.QuerySet[Any]:
    query = application_filter(subject, "who__")
    if subject.user_id is not None:
        query |= Q(created_by_id=subject.user_id)
    return ActionItem.objects.filter(query)


GROUP_KEEPS = _("The group keeps what it shares, without your name.")

register(
    PersonalData(
        PrivateNote,
        _by_user(PrivateNote, "author"),
        fields=("meeting__number", "text", "updated_at"),
        keep=("meeting__number", "updated_at"),
        erase=ERASE_DELETE,
        scope=ORGANISATION,
        label=_("your private meeting notes"),
    )
)
register(
    PersonalData(
        SharedNote,
        _by_user(SharedNote, "updated_by"),
        fields=("meeting__number", "text", "updated_at"),
        keep=("meeting__number", "text", "updated_at"),
        erase=ERASE_BLANK,
        scope=ORGANISATION,
        mentions=("text",),
        kept=GROUP_KEEPS,
        label=_("meeting notes you saved for the group"),
    )
)
register(
    PersonalData(
        ParkingQuestion,
        _by_user(ParkingQuestion, "author", "resolved_by"),
        fields=("meeting__number", "text", "created_at", "answer"),
        keep=("meeting__number", "text", "created_at", "answer"),
        erase=ERASE_BLANK,
        scope=ORGANISATION,
        mentions=("text", "answer"),
        kept=GROUP_KEEPS,
        label=_("questions you parked or answered"),
    )
)
register(
    PersonalData(
        ThemeProposal,
        _by_user(ThemeProposal, "author"),
        fields=("meeting__number", "text", "created_at"),
        keep=("meeting__number", "text", "created_at"),
        erase=ERASE_BLANK,
        scope=ORGANISATION,
        mentions=("text",),
        kept=GROUP_KEEPS,
        label=_("themes you proposed"),
    )
)
register(
    PersonalData(
        ThemeVote,
        _by_user(ThemeVote, "voter"),
        fields=("proposal__text",),
        keep=("proposal__text",),
        scope="proposal__" + ORGANISATION,
        label=_("your votes for themes"),
    )
)
register(
    PersonalData(
        Attendance,
        _by_application(Attendance),
        fields=("meeting__number", "status", "marked_at"),
        keep=("meeting__number", "marked_at"),
        scope=ORGANISATION,
        label=_("your attendance at meetings"),
    )
)
register(
    PersonalData(
        OpeningTurn,
        _by_application(OpeningTurn),
        fields=("meeting__number", "question", "started_at", "ended_at"),
        keep=("meeting__number", "started_at", "ended_at"),
        scope=ORGANISATION,
        mentions=("question",),
        label=_("your turns in opening rounds"),
    )
)
register(
    PersonalData(
        ActionItem,
        _action_items,
        fields=("meeting__number", "kind", "text", "due_on", "done_at", "created_at"),
        keep=("meeting__number", "kind", "text", "due_on", "done_at", "created_at"),
        erase=ERASE_BLANK,
        scope=ORGANISATION,
        mentions=("text",),
        kept=GROUP_KEEPS,
        label=_("decisions and to-dos you wrote or were given"),
    )
)
register_none(Meeting, "a group's meeting date, theme, place and run state")
register_none(AgendaTemplate, "a program's agenda template")
register_none(TemplateBlock, "a block of an agenda template")
register_none(AgendaItem, "a block of a meeting's agenda")
