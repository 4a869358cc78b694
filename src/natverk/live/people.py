"""Who takes part in a meeting or an event, as plain records the planners work on.

A meeting's people are the members its group was published to (accepted applications,
``Placement``); an event's are its registrations that were not cancelled. A person's
``key`` is the application id or the registration id.
"""

from __future__ import annotations

from dataclasses import dataclass

from natverk.live.access import Owner
from natverk.live.models import Breakouts, Registration
from natverk.meetings.models import Meeting
from natverk.programs.models import Application, Placement


@dataclass(frozen=True)
class Person:
    """One participant: key, name, e-mail, spoken languages, account id."""

    key: int
    name: str
    email: str
    languages: frozenset[str]
    user_id: int | None


def _languages(text: str) -> frozenset[str]:
    return frozenset(c.strip().lower() for c in text.split(",") if c.strip())


def meeting_people(meeting: Meeting) -> list[Person]:
    """The members told about the meeting's group, by name."""
    placements = (
        Placement.objects.filter(
            group_id=meeting.group_id, application__status=Application.Status.ACCEPTED
        )
        .select_related("application")
        .order_by("application__name", "application_id")
    )
    return [
        Person(
            p.application.pk,
            p.application.name or "—",
            p.application.email,
            _languages(p.application.languages),
            p.application.user_id,
        )
        for p in placements
    ]


def event_people(event_id: int) -> list[Person]:
    """The event's registrations that stand, by name."""
    rows = Registration.objects.filter(event_id=event_id, cancelled_at__isnull=True).order_by(
        "name", "id"
    )
    return [Person(r.pk, r.name, r.email, r.spoken, r.user_id) for r in rows]


def people_of(owner: Owner) -> list[Person]:
    """The participants of a meeting or an event."""
    if owner.meeting is not None:
        return meeting_people(owner.meeting)
    assert owner.event is not None
    return event_people(owner.event.pk)


def present_of(owner: Owner) -> list[Person]:
    """The participants the moderator marked present (everyone until they say otherwise)."""
    people = people_of(owner)
    marked = Breakouts.objects.filter(**owner.filter()).values_list("present", flat=True).first()
    if not marked:
        return people
    here = set(marked)
    return [p for p in people if p.key in here]
