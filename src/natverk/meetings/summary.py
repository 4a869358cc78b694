"""What a meeting's summary tells the group: notes, decisions, to-dos, open questions
and the next meeting. Plain data, read in a handful of queries (for the mail and page)."""

from __future__ import annotations

from dataclasses import dataclass

from natverk.meetings.models import ActionItem, Meeting, ParkingQuestion, SharedNote


@dataclass(frozen=True)
class Summary:
    """A meeting as its summary mail tells it."""

    meeting: Meeting
    notes: str
    decisions: list[ActionItem]
    todos: list[ActionItem]
    open_questions: list[ParkingQuestion]
    resolved: list[ParkingQuestion]
    next_meeting: Meeting | None


def build_summary(meeting: Meeting) -> Summary:
    """Gather the summary of a meeting."""
    note = SharedNote.objects.filter(meeting=meeting).first()
    items = list(meeting.actions.select_related("who").order_by("due_on", "id"))
    questions = ParkingQuestion.objects.filter(
        group=meeting.group, meeting__starts_at__lte=meeting.starts_at
    ).order_by("created_at", "id")
    following = (
        meeting.group.meetings.filter(starts_at__gt=meeting.starts_at, cancelled_at__isnull=True)
        .order_by("starts_at")
        .first()
    )
    return Summary(
        meeting=meeting,
        notes=note.text if note else "",
        decisions=[i for i in items if i.kind == ActionItem.Kind.DECISION],
        todos=[i for i in items if i.kind == ActionItem.Kind.TODO],
        open_questions=[q for q in questions if q.resolved_at is None],
        resolved=[q for q in questions if q.resolved_in_id == meeting.pk],
        next_meeting=following,
    )
