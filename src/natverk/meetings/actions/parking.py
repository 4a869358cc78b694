"""The parking lot: anyone in the group parks a question; the moderator resolves it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from natverk.accounts.models import User
from natverk.meetings.actions.run import bump
from natverk.meetings.errors import MeetingError
from natverk.meetings.models import Meeting, ParkingQuestion


def _clean(question: ParkingQuestion) -> None:
    try:
        question.full_clean()
    except ValidationError as exc:
        raise MeetingError(" ".join(exc.messages)) from exc


@transaction.atomic
def park_question(meeting: Meeting, author: User, text: str) -> ParkingQuestion:
    """Park a question in a meeting; it stays open until someone resolves it."""
    if meeting.cancelled_at is not None:
        raise MeetingError(_("This meeting is cancelled."))
    question = ParkingQuestion(
        group=meeting.group, meeting=meeting, author=author, text=text.strip()
    )
    _clean(question)
    question.save()
    bump(meeting)
    return question


@transaction.atomic
def resolve_question(
    question: ParkingQuestion, *, answer: str, by: User, meeting: Meeting
) -> ParkingQuestion:
    """Resolve a parked question with a short answer (in ``meeting``)."""
    if question.resolved_at is not None:
        raise MeetingError(_("This question is already resolved."))
    question.answer = answer.strip()
    question.resolved_at = timezone.now()
    question.resolved_in = meeting
    question.resolved_by = by
    _clean(question)
    question.save(update_fields=["answer", "resolved_at", "resolved_in", "resolved_by"])
    bump(meeting)
    return question


def carried_questions(meeting: Meeting) -> QuerySet[ParkingQuestion]:
    """Questions carried into a meeting: parked at an earlier meeting of the group and
    open (or resolved in this one). They head the meeting's agenda."""
    return (
        ParkingQuestion.objects.filter(
            group=meeting.group, meeting__starts_at__lt=meeting.starts_at
        )
        .filter(Q(resolved_at__isnull=True) | Q(resolved_in=meeting))
        .select_related("author", "meeting")
        .order_by("created_at", "id")
    )


def parked_in(meeting: Meeting) -> QuerySet[ParkingQuestion]:
    """Questions parked during this meeting."""
    return meeting.questions.select_related("author").order_by("created_at", "id")


def open_questions(meeting: Meeting) -> QuerySet[ParkingQuestion]:
    """Every question of the group still open, up to and including this meeting."""
    return ParkingQuestion.objects.filter(
        group=meeting.group, resolved_at__isnull=True, meeting__starts_at__lte=meeting.starts_at
    ).order_by("created_at", "id")
