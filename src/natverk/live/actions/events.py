"""Open themed events: create, change, cancel; register (within capacity), cancel a
registration; the mails registrants get (confirmation, reminders with the video link)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from natverk.accounts.models import Organisation, User
from natverk.formats.ical import CalendarMeeting, series_calendar
from natverk.live.actions import LiveError
from natverk.live.models import Event, Registration
from natverk.outbox.actions import Attachment, Mail, queue_mail

KIND = "natverk.live.event"
#: Reminders: the day before and an hour before the start.
REMINDERS = (("day", dt.timedelta(hours=24)), ("hour", dt.timedelta(hours=1)))
EVENT_FIELDS = (
    "theme",
    "speaker",
    "description",
    "series",
    "starts_at",
    "ends_at",
    "capacity",
    "video_url",
)
#: Changing one of these raises the event's calendar sequence.
CALENDAR_FIELDS = ("theme", "starts_at", "ends_at", "video_url")


class AlreadyRegisteredError(LiveError):
    """This address has a place at the event already."""


class FullError(LiveError):
    """The event has no place left."""


def create_event(organisation: Organisation, *, by: User, **fields: object) -> Event:
    """A new event of the organisation."""
    event = Event(organisation=organisation, created_by=by)
    for name in EVENT_FIELDS:
        if name in fields:
            setattr(event, name, fields[name])
    event.full_clean()
    event.save()
    return event


def update_event(event: Event, **fields: object) -> Event:
    """Change an event's details (registrations stay). A new time or video link raises
    the calendar sequence; a new time is mailed to everyone registered, with the calendar."""
    before = Event.objects.get(pk=event.pk)
    changed = [name for name in EVENT_FIELDS if name in fields]
    for name in changed:
        setattr(event, name, fields[name])
    event.full_clean()
    moved = (before.starts_at, before.ends_at) != (event.starts_at, event.ends_at)
    with transaction.atomic():
        if any(getattr(before, f) != getattr(event, f) for f in CALENDAR_FIELDS):
            event.sequence += 1
            changed.append("sequence")
        event.save(update_fields=changed)
        if moved and event.cancelled_at is None:
            for registration in event.registrations.filter(cancelled_at__isnull=True):
                _mail(registration, "moved")
    return event


def cancel_event(event: Event) -> Event:
    """Cancel an event and tell everyone registered."""
    with transaction.atomic():
        event.cancelled_at = timezone.now()
        event.save(update_fields=["cancelled_at"])
        for registration in event.registrations.filter(cancelled_at__isnull=True):
            _mail(registration, "cancelled")
    return event


def places_left(event: Event) -> int:
    """Places not yet taken."""
    taken = event.registrations.filter(cancelled_at__isnull=True).count()
    return max(0, event.capacity - taken)


def register(
    event: Event,
    *,
    name: str,
    email: str,
    language: str = "sv",
    languages: str = "",
    user: User | None = None,
) -> Registration:
    """Give a person a place (within capacity) and send the confirmation with their link."""
    email = email.strip().lower()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled_at is not None:
            raise LiveError(_("This event was cancelled."))
        if locked.registrations.filter(email=email, cancelled_at__isnull=True).exists():
            raise AlreadyRegisteredError(_("This address has a place already."))
        if places_left(locked) < 1:
            raise FullError(_("The event is full."))
        registration = Registration.objects.filter(event=locked, email=email).first()
        if registration is None:
            registration = Registration(event=locked, email=email)
        registration.name = " ".join(name.split())
        registration.language = language
        registration.languages = languages
        registration.user = user
        registration.cancelled_at = None
        registration.full_clean()
        try:
            registration.save()
        except IntegrityError:
            raise AlreadyRegisteredError(_("This address has a place already.")) from None
        _mail(registration, "confirmed")
    return registration


def cancel_registration(registration: Registration) -> Registration:
    """Give the place back (from the person's own link)."""
    registration.cancelled_at = registration.cancelled_at or timezone.now()
    registration.save(update_fields=["cancelled_at"])
    return registration


def personal_link(registration: Registration) -> str:
    """The registrant's own page: the video link, cancelling."""
    base = str(getattr(settings, "NATVERK_SITE_URL", "http://127.0.0.1:8000")).rstrip("/")
    return base + reverse("live:registration", kwargs={"registration_token": registration.token})


def event_calendar(registration: Registration, *, cancel: bool = False) -> bytes:
    """The event as an iCalendar file for one registrant (their page in it); a cancelled
    event or place gives the same event marked cancelled, so calendars drop it."""
    event = registration.event
    zone = timezone.get_default_timezone()
    cancelled = cancel or event.cancelled_at is not None or registration.cancelled_at is not None
    entry = CalendarMeeting(
        series_id=f"event-{event.token}",
        number=1,
        start=event.starts_at.astimezone(zone),
        end=event.ends_at.astimezone(zone),
        summary=event.theme,
        description="\n\n".join(
            part for part in (event.speaker, event.description, personal_link(registration)) if part
        ),
        url=event.video_url,
        sequence=event.sequence + (1 if cancel else 0),
        cancelled=cancelled,
    )
    return series_calendar(
        [entry],
        name=event.theme,
        stamp=timezone.now(),
        method="CANCEL" if cancelled else "PUBLISH",
    )


def _when(event: Event) -> str:
    local = event.starts_at.astimezone(timezone.get_default_timezone())
    return formats.date_format(local, "DATETIME_FORMAT")


def _mail(registration: Registration, what: str) -> bool:
    """Queue one mail to a registrant in their language; reminders and cancellations
    carry a key, so that each goes out once. False when it was queued before."""
    event = registration.event
    with override(registration.language):
        values = {
            "theme": event.theme,
            "when": _when(event),
            "speaker": event.speaker,
            "link": personal_link(registration),
            "video": event.video_url or _("the link will follow"),
        }
        if what == "confirmed":
            subject = _("Your place: %(theme)s") % values
            body = (
                _(
                    "You have a place at %(theme)s, %(when)s.\n\nVideo link: %(video)s\n\n"
                    "Your page (to cancel, or to find the link again): %(link)s"
                )
                % values
            )
        elif what == "cancelled":
            subject = _("Cancelled: %(theme)s") % values
            body = _("%(theme)s on %(when)s is cancelled. We are sorry.") % values
        elif what == "moved":
            subject = _("New time: %(theme)s, %(when)s") % values
            body = (
                _(
                    "%(theme)s has a new time: %(when)s. The attached calendar file "
                    "updates it in your calendar.\n\nYour page: %(link)s"
                )
                % values
            )
        else:
            subject = _("Reminder: %(theme)s, %(when)s") % values
            body = (
                _(
                    "%(theme)s starts %(when)s.\n\nJoin here: %(video)s\n\n"
                    "Cannot come? Give your place to someone else: %(link)s"
                )
                % values
            )
        message = queue_mail(
            Mail(
                to=registration.email,
                subject=subject,
                body=body,
                kind=f"{KIND}.{what.split('-')[0]}",
                language=registration.language,
                key=None
                if what == "confirmed"
                else f"{KIND}.{what}:{registration.pk}:{event.starts_at.isoformat()}"
                + (f":{event.sequence}" if what == "moved" else ""),
                topic=f"event:{event.pk}",
                organisation_id=event.organisation_id,
                user_id=registration.user_id,
                attachments=_calendar_attachment(registration, what),
            )
        )
    return message is not None


def _calendar_attachment(registration: Registration, what: str) -> tuple[Attachment, ...]:
    """The calendar file a mail carries: the event when it is confirmed or moved, the
    event cancelled when it is cancelled; reminders carry none."""
    if what not in ("confirmed", "moved", "cancelled"):
        return ()
    content = event_calendar(registration, cancel=what == "cancelled")
    return (Attachment(f"natverk-event-{registration.event_id}.ics", content, "text/calendar"),)


def send_reminders(now: dt.datetime | None = None) -> int:
    """Remind registrants a day and an hour before their event (each reminder once)."""
    moment = now or timezone.now()
    sent = 0
    for name, ahead in REMINDERS:
        registrations = Registration.objects.filter(
            cancelled_at__isnull=True,
            event__cancelled_at__isnull=True,
            event__starts_at__gt=moment,
            event__starts_at__lte=moment + ahead,
        ).select_related("event")
        for registration in registrations:
            with transaction.atomic():
                sent += _mail(registration, f"reminder-{name}")
    return sent
