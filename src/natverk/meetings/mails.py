"""The e-mails members get about their group and its meetings, in their own language.

Each function queues one mail in the outbox (inside the caller's transaction), with the
calendar file that updates or cancels the events in the member's calendar.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from natverk.meetings.models import Meeting
from natverk.outbox.actions import Attachment, Mail, queue_mail
from natverk.programs.models import Application, Group, Program

KIND = "natverk.program.groups"


def language_of(application: Application) -> str:
    """The language a person reads natverk in (their account's, else the country's)."""
    if application.user is not None:
        return application.user.preferred_language
    return "da" if application.program.organisation.country == "DK" else "sv"


def _ics(group: Group, content: bytes, *, cancel: bool = False) -> Attachment:
    name = f"natverk-group-{group.number}{'-cancelled' if cancel else ''}.ics"
    return Attachment(name, content, "text/calendar")


def _dates(group: Group) -> str:
    zone = timezone.get_default_timezone()
    return "\n".join(
        f"  {m.number}. {formats.date_format(m.starts_at.astimezone(zone), 'DATETIME_FORMAT')}"
        for m in group.meetings.filter(cancelled_at__isnull=True)
    )


def _send(
    application: Application,
    program: Program,
    subject: str,
    body: str,
    attachments: Sequence[Attachment],
    kind: str,
) -> None:
    if application.erased:  # nobody to write to (natverk.privacy)
        return
    queue_mail(
        Mail(
            to=application.email,
            subject=subject,
            body=body,
            kind=f"{KIND}.{kind}",
            language=language_of(application),
            topic=f"program:{program.pk}",
            organisation_id=program.organisation_id,
            user_id=application.user_id,
            attachments=tuple(attachments),
        )
    )


def _video(group: Group) -> str:
    if not group.video_url:
        return ""
    return "\n\n" + _("Video link: %(url)s") % {"url": group.video_url}


def invitation(application: Application, group: Group, others: Sequence[str], ics: bytes) -> None:
    """You are in group N: who the others are, the dates, the calendar."""
    program = group.program
    with override(language_of(application)):
        subject = _("Your group in %(program)s") % {"program": program.title}
        body = _(
            "Welcome to group %(number)s of %(program)s.\n\n"
            "Your group: %(others)s.\n\nMeetings:\n%(dates)s%(video)s\n\n"
            "The meetings are in the attached calendar file."
        ) % {
            "number": group.number,
            "program": program.title,
            "others": ", ".join(others),
            "dates": _dates(group),
            "video": _video(group),
        }
    _send(application, program, subject, body, [_ics(group, ics)], "invited")


def moved(
    application: Application,
    old: Group,
    new: Group,
    others: Sequence[str],
    ics: bytes,
    cancel: bytes,
) -> None:
    """You moved from group A to group B: B's calendar, and A's meetings cancelled."""
    program = new.program
    with override(language_of(application)):
        subject = _("You have a new group in %(program)s") % {"program": program.title}
        body = _(
            "You have moved from group %(old)s to group %(new)s of %(program)s.\n\n"
            "Your new group: %(others)s.\n\nMeetings:\n%(dates)s%(video)s\n\n"
            "The attached files update your calendar: group %(old)s's meetings are "
            "cancelled for you and group %(new)s's are added."
        ) % {
            "old": old.number,
            "new": new.number,
            "program": program.title,
            "others": ", ".join(others),
            "dates": _dates(new),
            "video": _video(new),
        }
    attachments = [_ics(old, cancel, cancel=True), _ics(new, ics)]
    _send(application, program, subject, body, attachments, "moved")


def removed(application: Application, group: Group, cancel: bytes) -> None:
    """You are no longer in group N: its meetings cancelled for you."""
    program = group.program
    with override(language_of(application)):
        subject = _("Your place in %(program)s has changed") % {"program": program.title}
        body = _(
            "You are no longer in group %(number)s of %(program)s, and its meetings are "
            "cancelled for you (the attached file removes them from your calendar).\n\n"
            "Questions? Reply to the program's leader."
        ) % {"number": group.number, "program": program.title}
    _send(application, program, subject, body, [_ics(group, cancel, cancel=True)], "removed")


def dissolved(application: Application, group: Group, cancel: bytes) -> None:
    """Group N no longer meets: its meetings are cancelled."""
    program = group.program
    with override(language_of(application)):
        subject = _("Group %(number)s of %(program)s no longer meets") % {
            "number": group.number,
            "program": program.title,
        }
        body = _(
            "Group %(number)s of %(program)s has been dissolved and its meetings are "
            "cancelled (the attached file removes them from your calendar)."
        ) % {"number": group.number, "program": program.title}
    _send(application, program, subject, body, [_ics(group, cancel, cancel=True)], "dissolved")


def updated(application: Application, group: Group, ics: bytes) -> None:
    """Your group's meetings changed (a new video link): the updated calendar."""
    program = group.program
    with override(language_of(application)):
        subject = _("Update for group %(number)s of %(program)s") % {
            "number": group.number,
            "program": program.title,
        }
        body = _(
            "The meetings of group %(number)s of %(program)s have changed.\n\n"
            "Meetings:\n%(dates)s%(video)s\n\nThe attached file updates your calendar."
        ) % {
            "number": group.number,
            "program": program.title,
            "dates": _dates(group),
            "video": _video(group),
        }
    _send(application, program, subject, body, [_ics(group, ics)], "updated")


def roster_changed(
    application: Application, group: Group, joined: Sequence[str], left: Sequence[str]
) -> None:
    """Who joined and who left your group (the meetings stay as they are)."""
    program = group.program
    with override(language_of(application)):
        subject = _("New faces in group %(number)s of %(program)s") % {
            "number": group.number,
            "program": program.title,
        }
        lines = []
        if joined:
            lines.append(_("Joined: %(names)s.") % {"names": ", ".join(joined)})
        if left:
            lines.append(_("No longer in the group: %(names)s.") % {"names": ", ".join(left)})
        body = _(
            "Group %(number)s of %(program)s has changed.\n\n%(lines)s\n\n"
            "Your meetings stay as they are."
        ) % {"number": group.number, "program": program.title, "lines": "\n".join(lines)}
    _send(application, program, subject, body, [], "roster")


def meeting_moved(application: Application, group: Group, meeting: Meeting, ics: bytes) -> None:
    """Meeting N has a new time: the updated calendar."""
    program = group.program
    zone = timezone.get_default_timezone()
    with override(language_of(application)):
        subject = _("Meeting %(n)s of %(program)s has moved") % {
            "n": meeting.number,
            "program": program.title,
        }
        body = _(
            "Meeting %(n)s of group %(number)s of %(program)s is now on %(when)s.\n\n"
            "The attached file updates your calendar."
        ) % {
            "n": meeting.number,
            "number": group.number,
            "program": program.title,
            "when": formats.date_format(meeting.starts_at.astimezone(zone), "DATETIME_FORMAT"),
        }
    _send(application, program, subject, body, [_ics(group, ics)], "meeting_moved")
