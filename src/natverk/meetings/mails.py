"""The e-mails members get about their group and its meetings, in their own language.

Each function queues one mail in the outbox (inside the caller's transaction), with the
calendar file that updates or cancels the events in the member's calendar.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from natverk.accounts.mail import absolute_url
from natverk.meetings.markdown import render_markdown
from natverk.meetings.models import Meeting
from natverk.meetings.summary import build_summary
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


def _when(moment: dt.datetime) -> str:
    zone = timezone.get_default_timezone()
    return formats.date_format(moment.astimezone(zone), "DATETIME_FORMAT")


def _dates(group: Group) -> str:
    """The group's meetings, one a line, each with its theme when it has one."""
    return "\n".join(
        f"  {m.number}. {_when(m.starts_at)}" + (f" – {m.theme}" if m.theme else "")
        for m in group.meetings.filter(cancelled_at__isnull=True)
    )


def meeting_url(meeting: Meeting) -> str:
    """The meeting's page, as a link for an e-mail."""
    slug = meeting.group.program.organisation.slug
    return absolute_url(
        reverse("meetings:meeting", kwargs={"slug": slug, "meeting_id": meeting.pk})
    )


def _send(
    application: Application,
    program: Program,
    subject: str,
    body: str,
    attachments: Sequence[Attachment],
    kind: str,
    *,
    html: str = "",
    key: str | None = None,
    prefix: str = KIND,
) -> bool:
    if application.erased:  # nobody to write to (natverk.privacy)
        return False
    return (
        queue_mail(
            Mail(
                to=application.email,
                subject=subject,
                body=body,
                html=html,
                key=key,
                kind=f"{prefix}.{kind}",
                language=language_of(application),
                topic=f"program:{program.pk}",
                organisation_id=program.organisation_id,
                user_id=application.user_id,
                attachments=tuple(attachments),
            )
        )
        is not None
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


MEETING_KIND = "natverk.meetings.meeting"


def _meeting_subject(meeting: Meeting, text: str) -> str:
    return text % {"n": meeting.number, "program": meeting.group.program.title}


def _about_meeting(
    application: Application,
    meeting: Meeting,
    ics: bytes,
    kind: str,
    words: Callable[[], tuple[str, str, dict[str, str]]],
    *,
    cancel: bool = False,
) -> None:
    """One mail about one meeting, in the member's language, with the calendar file.

    ``words`` gives the subject, the body (with %-placeholders n, number, program, when,
    dates, video, theme, url) and values of its own; it is called in the member's language.
    """
    group = meeting.group
    program = group.program
    with override(language_of(application)):
        subject, body, extra = words()
        values = extra | {
            "n": meeting.number,
            "number": group.number,
            "program": program.title,
            "when": _when(meeting.starts_at),
            "dates": _dates(group),
            "video": _video(group),
            "theme": meeting.theme,
            "url": meeting_url(meeting),
        }
        subject, body = _meeting_subject(meeting, subject), body % values
    attachment = _ics(group, ics, cancel=cancel)
    _send(application, program, subject, body, [attachment], kind, prefix=MEETING_KIND)


def meeting_cancelled(application: Application, group: Group, meeting: Meeting, ics: bytes) -> None:
    """Meeting N is cancelled: the CANCEL that removes it from the calendar."""

    def words() -> tuple[str, str, dict[str, str]]:
        return (
            _("Meeting %(n)s of %(program)s is cancelled"),
            _(
                "Meeting %(n)s of group %(number)s of %(program)s on %(when)s is cancelled "
                "(the attached file removes it from your calendar).\n\nThe other meetings:\n"
                "%(dates)s"
            ),
            {},
        )

    _about_meeting(application, meeting, ics, "cancelled", words, cancel=True)


def meeting_added(application: Application, group: Group, meeting: Meeting, ics: bytes) -> None:
    """A meeting was added to the series: the calendar with it."""

    def words() -> tuple[str, str, dict[str, str]]:
        return (
            _("A new meeting in %(program)s"),
            _(
                "Group %(number)s of %(program)s has a new meeting (%(n)s) on %(when)s.\n\n"
                "Meetings:\n%(dates)s%(video)s\n\nThe attached file updates your calendar."
            ),
            {},
        )

    _about_meeting(application, meeting, ics, "added", words)


def theme_set(application: Application, group: Group, meeting: Meeting, ics: bytes) -> None:
    """Meeting N has a theme: the updated calendar carries it."""

    def words() -> tuple[str, str, dict[str, str]]:
        return (
            _("The theme of meeting %(n)s of %(program)s"),
            _(
                "Meeting %(n)s of group %(number)s of %(program)s on %(when)s has the theme:\n\n"
                "  %(theme)s\n\nThe attached file updates your calendar.\n\n%(url)s"
            ),
            {},
        )

    _about_meeting(application, meeting, ics, "theme", words)


def format_changed(application: Application, group: Group, meeting: Meeting, ics: bytes) -> None:
    """Meeting N is held differently (in person, a new place or video link)."""

    def words() -> tuple[str, str, dict[str, str]]:
        where = ", ".join(x for x in (meeting.place, meeting.video_link) if x)
        return (
            _("Where meeting %(n)s of %(program)s is held"),
            _(
                "Meeting %(n)s of group %(number)s of %(program)s on %(when)s: %(how)s"
                "%(where)s.\n\nThe attached file updates your calendar."
            ),
            {
                "how": str(Meeting.Format(meeting.held_as).label).lower(),
                "where": f" – {where}" if where else "",
            },
        )

    _about_meeting(application, meeting, ics, "format", words)


def summary(application: Application, meeting: Meeting) -> bool:
    """The summary of a held meeting: notes, decisions, to-dos, open questions, the next
    meeting. The same summary is sent once (the key is its content)."""
    program = meeting.group.program
    language = language_of(application)
    with override(language):
        s = build_summary(meeting)
        context = {
            "s": s,
            "when": _when(meeting.starts_at),
            "next_when": _when(s.next_meeting.starts_at) if s.next_meeting else "",
            "url": meeting_url(meeting),
            "language": language,
        }
        subject = _meeting_subject(meeting, _("Summary of meeting %(n)s of %(program)s"))
        body = render_to_string("meetings/mail/summary.txt", context)
        html = render_to_string(
            "meetings/mail/summary.html",
            context | {"subject": subject, "notes_html": render_markdown(s.notes)},
        )
    digest = hashlib.sha256(body.encode()).hexdigest()[:16]
    key = f"meetings.summary:{meeting.pk}:{application.pk}:{digest}"
    return _send(
        application, program, subject, body, [], "summary", html=html, key=key, prefix=MEETING_KIND
    )
