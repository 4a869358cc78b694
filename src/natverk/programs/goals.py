"""A member's goals during the program: noting how each goes, and the halfway prompt.

Halfway through a published program (its first meeting plus half its weeks) each member
who takes part and wrote goals gets one short "how is it going" e-mail (periodic job
``programs.goals_halfway``, daily). The participation remembers that it was sent and the
outbox key names the application, so it goes out once; a member whose e-mails are paused
(``outbox.actions.paused``) gets it when the pause ends, if the program has not ended.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from natverk.accounts import mail
from natverk.outbox.actions import paused
from natverk.programs import notify
from natverk.programs.models import Application, Goal, Participation, Placement, Program


def note_progress(goal: Goal, *, progress: str, note: str) -> Goal:
    """Note how a goal is going (the member's own note, seen only by them)."""
    goal.progress = progress
    goal.note = " ".join(note.split())
    goal.full_clean()
    goal.save(update_fields=["progress", "note", "updated_at"])
    return goal


def halfway(program: Program) -> tuple[dt.date, dt.date] | None:
    """The program's halfway day and its last day (None before it is published)."""
    start = program.first_meeting_on or (
        program.published_at.date() if program.published_at else None
    )
    if start is None or program.published_at is None:
        return None
    return start + dt.timedelta(weeks=program.span_weeks / 2), start + dt.timedelta(
        weeks=program.span_weeks
    )


def _due_places(today: dt.date) -> list[Placement]:
    running = [
        program.pk
        for program in Program.objects.filter(
            status__in=(Program.Status.PUBLISHED, Program.Status.RUNNING)
        )
        if (days := halfway(program)) is not None and days[0] <= today <= days[1]
    ]
    return list(
        Placement.objects.select_related(
            "group__program__organisation", "application__user", "application__participation"
        )
        .filter(
            group__program_id__in=running,
            application__status=Application.Status.ACCEPTED,
            application__user__isnull=False,
            application__participation__state=Participation.State.ACTIVE,
            application__participation__goals_prompted_at__isnull=True,
            application__goals__isnull=False,
        )
        .distinct()
    )


def send_halfway_prompts(today: dt.date | None = None) -> int:
    """Queue the halfway prompt for every member due one; returns how many were queued."""
    day = today or timezone.localdate()
    sent = 0
    for place in _due_places(day):
        application = place.application
        if paused(application.user_id, day):
            continue  # waits until the member's pause ends
        sent += _prompt(place)
    return sent


@transaction.atomic
def _prompt(place: Placement) -> int:
    application = place.application
    participation = Participation.objects.select_for_update().get(application=application)
    if participation.goals_prompted_at is not None:
        return 0
    group = place.group
    program = group.program
    to, language, user_id = notify.recipient(application)
    path = reverse("programs:group", args=[program.organisation.slug, group.pk]) + "#goals"
    queued = mail.send(
        "programs/mail/goals_halfway",
        {
            "program": program,
            "name": application.name,
            "goals": list(application.goals.all()),
            "url": mail.absolute_url(path),
        },
        to=to,
        language=language,
        kind="natverk.programs.goals_halfway",
        key=f"goals-halfway:{application.pk}",
        topic=notify.topic(program.pk),
        organisation_id=program.organisation_id,
        user_id=user_id,
    )
    participation.goals_prompted_at = timezone.now()
    participation.save(update_fields=["goals_prompted_at"])
    return 1 if queued is not None else 0
