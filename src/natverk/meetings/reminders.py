"""Meeting reminders: an e-mail a day before each meeting, with the video link.

A periodic job (every 15 minutes) queues a reminder for every meeting that starts within
24 hours, to each member who takes part (not paused, not left) and keeps reminders on.
The outbox key names the meeting, its sequence and the member, so a reminder goes out
once, and again only when the meeting is moved.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from natverk.accounts import mail
from natverk.jobs.registry import periodic
from natverk.meetings.models import Meeting
from natverk.programs import notify
from natverk.programs.models import Participation, Program

#: How long before a meeting its reminder goes out.
AHEAD = dt.timedelta(hours=24)


def queue_reminders(now: dt.datetime | None = None) -> int:
    """Queue the reminders that are due; returns how many were new."""
    moment = now or timezone.now()
    meetings = (
        Meeting.objects.select_related("group__program__organisation")
        .filter(
            starts_at__gt=moment,
            starts_at__lte=moment + AHEAD,
            cancelled_at__isnull=True,
            group__program__published_at__isnull=False,
            group__program__deleted_at__isnull=True,
        )
        .exclude(group__program__status=Program.Status.CLOSED)
    )
    return sum(_remind(meeting) for meeting in meetings)


def _remind(meeting: Meeting) -> int:
    group = meeting.group
    program = group.program
    slug = program.organisation.slug
    sent = 0
    for application, participation in notify.readers(group, accounts_only=False):
        if participation.state != Participation.State.ACTIVE or not participation.reminders:
            continue
        to, language, user_id = notify.recipient(application)
        off = notify.unsubscribe_url(participation, notify.REMINDERS, None)
        queued = mail.send(
            "meetings/mail/reminder",
            {
                "meeting": meeting,
                "group": group,
                "program": program,
                "name": application.name,
                "video_url": group.video_url,
                "url": mail.absolute_url(reverse("programs:group", args=[slug, group.pk])),
                "calendar": mail.absolute_url(reverse("meetings:calendar", args=[slug, group.pk])),
                "unsubscribe": off,
            },
            to=to,
            language=language,
            kind="natverk.meetings.reminder",
            key=f"meeting-reminder:{meeting.pk}:{meeting.sequence}:{application.pk}",
            topic=notify.topic(program.pk),
            organisation_id=program.organisation_id,
            user_id=user_id,
            headers=mail.unsubscribe_headers(off),
        )
        sent += queued is not None
    return sent


@periodic("meetings.reminders", every=dt.timedelta(minutes=15))
@task()
def send_reminders() -> int:
    """Queue the reminders of meetings that start within a day."""
    return queue_reminders()
