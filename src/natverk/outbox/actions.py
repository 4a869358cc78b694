"""Queue e-mails and deliver them: the only way natverk sends mail."""

from __future__ import annotations

import base64
import datetime as dt
import smtplib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.utils import timezone

from natverk.accounts.models import User
from natverk.outbox.models import Message

#: Minutes to wait before each retry of a transient failure; then the mail has failed.
RETRY_MINUTES = (1, 5, 30, 120, 360)
#: A mail left "sending" this long was interrupted (the worker stopped mid-send).
SENDING_TIMEOUT = dt.timedelta(minutes=10)
PERMANENT_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused)


@dataclass(frozen=True)
class Attachment:
    """A file attached to a mail (calendar files, exports)."""

    filename: str
    content: bytes
    mimetype: str


@dataclass(frozen=True)
class Mail:
    """One mail to queue. ``key`` (unique) keeps the same mail from going out twice."""

    to: str
    subject: str
    body: str
    kind: str
    html: str = ""
    language: str = "sv"
    key: str | None = None
    topic: str = ""
    organisation_id: int | None = None
    user_id: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    attachments: tuple[Attachment, ...] = ()
    send_after: dt.datetime | None = None
    #: A notification (board posts, reminders, digests, prompts): not queued while the
    #: person has paused their e-mails (``User.mail_paused_until``).
    pausable: bool = False


def _row(mail: Mail) -> Message:
    return Message(
        to=mail.to.strip().lower(),
        subject=" ".join(mail.subject.split())[:300],
        body=mail.body,
        html=mail.html,
        kind=mail.kind,
        language=mail.language,
        key=mail.key,
        topic=mail.topic,
        organisation_id=mail.organisation_id,
        user_id=mail.user_id,
        headers=dict(mail.headers),
        attachments=[
            {
                "filename": a.filename,
                "mimetype": a.mimetype,
                "content": base64.b64encode(a.content).decode("ascii"),
            }
            for a in mail.attachments
        ],
        send_after=mail.send_after or timezone.now(),
    )


def _enqueue_after_commit(message_id: int) -> None:
    from natverk.outbox.tasks import deliver_message

    transaction.on_commit(partial(deliver_message.enqueue, message_id))


def paused(user_id: int | None, day: dt.date | None = None) -> bool:
    """Whether a person has paused their notification e-mails on ``day`` (today)."""
    if user_id is None:
        return False
    return User.objects.filter(
        pk=user_id, mail_paused_until__gte=day or timezone.localdate()
    ).exists()


def wanted(key: str | None, *, pausable: bool, user_id: int | None) -> bool:
    """Whether a mail would be queued: its key was not queued before, and it is not a
    notification to a person who paused their e-mails (asked before a mail is rendered,
    so that a job offering the same mails again renders only the new ones)."""
    if key is not None and Message.objects.filter(key=key).exists():
        return False
    return not (pausable and paused(user_id))


def queue_mail(mail: Mail) -> Message | None:
    """Queue one mail in the current transaction; None when its key was queued before, or
    when it is a notification and its person has paused their e-mails."""
    if not wanted(mail.key, pausable=mail.pausable, user_id=mail.user_id):
        return None
    return queue_wanted(mail)


def queue_wanted(mail: Mail) -> Message | None:
    """Queue a mail that :func:`wanted` said yes to; None when another process queued
    the same key since."""
    message = _row(mail)
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return None  # the same key, queued at the same moment by another process
    _enqueue_after_commit(message.pk)
    return message


def queue_mails(mails: Iterable[Mail]) -> int:
    """Queue several mails in the current transaction; returns how many were new.

    Rows are inserted in batches and, after commit, delivered by one task per
    :data:`DELIVERY_BATCH` mails (a round of introductions to 10,000 people is 100
    tasks, not 10,000). A key queued before is left out, as with :func:`queue_mail`.
    """
    mails = list(mails)
    keys = [m.key for m in mails if m.key is not None]
    taken: set[str] = set()
    for start in range(0, len(keys), 5000):
        chunk = keys[start : start + 5000]
        found = Message.objects.filter(key__in=chunk).values_list("key", flat=True)
        taken.update(key for key in found if key is not None)
    rows = []
    for mail in mails:
        if mail.key is not None:
            if mail.key in taken:
                continue
            taken.add(mail.key)
        rows.append(_row(mail))
    try:
        with transaction.atomic():
            Message.objects.bulk_create(rows, batch_size=1000)
    except IntegrityError:  # a key queued at this moment by another process
        return sum(queue_mail(mail) is not None for mail in mails)
    transaction.on_commit(partial(_enqueue_batches, [row.pk for row in rows]))
    return len(rows)


#: Mails delivered by one task of :func:`queue_mails`.
DELIVERY_BATCH = 100


def _enqueue_batches(ids: list[int]) -> None:
    from natverk.outbox.tasks import deliver_messages

    with transaction.atomic():  # one commit for all the tasks
        for start in range(0, len(ids), DELIVERY_BATCH):
            deliver_messages.enqueue(ids[start : start + DELIVERY_BATCH])


def _claim(message_id: int) -> Message | None:
    with transaction.atomic():
        message = (
            Message.objects.select_for_update()
            .filter(pk=message_id, status=Message.Status.QUEUED, send_after__lte=timezone.now())
            .first()
        )
        if message is None:
            return None
        message.status = Message.Status.SENDING
        message.claimed_at = timezone.now()
        message.attempts += 1
        message.save(update_fields=["status", "claimed_at", "attempts"])
        return message


def _email(message: Message) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        message.subject, message.body, to=[message.to], headers=dict(message.headers)
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    for item in message.attachments:
        email.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    return email


def _finish(message: Message, status: str, error: str = "", retry_in: int = 0) -> None:
    message.status = status
    message.last_error = error[:500]
    fields = ["status", "last_error"]
    if status == Message.Status.SENT:
        message.sent_at = timezone.now()
        fields.append("sent_at")
    if retry_in:
        message.send_after = timezone.now() + dt.timedelta(minutes=retry_in)
        fields.append("send_after")
    message.save(update_fields=fields)


def deliver(message_id: int) -> bool:
    """Send one queued mail; a transient failure queues it again later. True when sent."""
    message = _claim(message_id)
    if message is None:
        return False
    try:
        _email(message).send()
    except PERMANENT_ERRORS as exc:
        _finish(message, Message.Status.FAILED, str(exc))
        return False
    except (smtplib.SMTPException, OSError) as exc:
        if message.attempts > len(RETRY_MINUTES):
            _finish(message, Message.Status.FAILED, str(exc))
        else:
            _finish(message, Message.Status.QUEUED, str(exc), RETRY_MINUTES[message.attempts - 1])
        return False
    _finish(message, Message.Status.SENT)
    return True


def deliver_due(limit: int = 500) -> int:
    """Send every queued mail that is due (the periodic sweep; tests call it too)."""
    expire_interrupted()
    due = Message.objects.filter(
        status=Message.Status.QUEUED, send_after__lte=timezone.now()
    ).values_list("pk", flat=True)[:limit]
    return sum(deliver(pk) for pk in list(due))


def expire_interrupted() -> int:
    """Mark mails whose sending was interrupted as failed: never risk sending twice."""
    return Message.objects.filter(
        status=Message.Status.SENDING, claimed_at__lt=timezone.now() - SENDING_TIMEOUT
    ).update(
        status=Message.Status.FAILED,
        last_error="The worker stopped while sending; not retried so that no one gets it twice.",
    )


def resend(message: Message) -> Message:
    """Queue a failed or sent mail again, as a new row (the log keeps both)."""
    copy = Message.objects.get(pk=message.pk)
    copy.pk = None
    copy.key = None
    copy.status = Message.Status.QUEUED
    copy.attempts = 0
    copy.last_error = ""
    copy.sent_at = None
    copy.claimed_at = None
    copy.created_at = copy.send_after = timezone.now()
    copy.save()
    _enqueue_after_commit(copy.pk)
    return copy
