"""The outbox: queued in the transaction, delivered once, retried when the server is down."""

from __future__ import annotations

import datetime as dt
import smtplib
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django.utils import timezone

from natverk.outbox.actions import (
    SENDING_TIMEOUT,
    Attachment,
    Mail,
    deliver_due,
    queue_mail,
    resend,
)
from natverk.outbox.models import Message

pytestmark = pytest.mark.django_db


def _mail(**changes: Any) -> Mail:
    fields: dict[str, Any] = {
        "to": "Anna.Andersson@Example.org",
        "subject": "Din grupp",
        "body": "Välkommen till gruppen.",
        "kind": "natverk.test",
    }
    return Mail(**(fields | changes))


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every recipient (a permanent failure)."""

    def send_messages(self, email_messages: Any) -> int:
        raise smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"no such user")})


def test_a_queued_mail_is_delivered_once_with_its_attachment_and_html() -> None:
    queue_mail(
        _mail(
            html="<p>Välkommen</p>",
            attachments=(Attachment("grupp.ics", b"BEGIN:VCALENDAR", "text/calendar"),),
            headers={"List-Unsubscribe": "<https://example.org/u/1>"},
        )
    )
    assert deliver_due() == 1
    assert deliver_due() == 0
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["anna.andersson@example.org"]
    assert sent.attachments[0][0] == "grupp.ics"
    assert sent.alternatives[0][1] == "text/html"  # type: ignore[attr-defined]
    assert sent.extra_headers["List-Unsubscribe"] == "<https://example.org/u/1>"
    row = Message.objects.get()
    assert row.status == Message.Status.SENT and row.sent_at is not None


def test_the_same_key_is_queued_only_once() -> None:
    assert queue_mail(_mail(key="group:1:invite:anna")) is not None
    assert queue_mail(_mail(key="group:1:invite:anna")) is None
    assert Message.objects.count() == 1


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST="127.0.0.1",
    EMAIL_PORT=9,  # nothing listens: connection refused, as when the server is down
    EMAIL_TIMEOUT=2,
)
def test_a_mail_server_that_is_down_means_a_retry_later_not_a_lost_mail() -> None:
    queue_mail(_mail())
    assert deliver_due() == 0
    row = Message.objects.get()
    assert row.status == Message.Status.QUEUED
    assert row.attempts == 1 and row.last_error
    assert row.send_after > timezone.now()


def test_a_retried_mail_goes_out_when_the_server_is_back() -> None:
    queue_mail(_mail())
    Message.objects.update(attempts=1, send_after=timezone.now() - dt.timedelta(seconds=1))
    assert deliver_due() == 1
    assert Message.objects.get().attempts == 2


@override_settings(EMAIL_BACKEND="tests.outbox.test_outbox.RefusingBackend")
def test_a_refused_recipient_fails_at_once_with_the_reason() -> None:
    queue_mail(_mail())
    deliver_due()
    row = Message.objects.get()
    assert row.status == Message.Status.FAILED
    assert "no such user" in row.last_error


def test_a_mail_interrupted_while_sending_is_never_sent_again() -> None:
    queue_mail(_mail())
    Message.objects.update(
        status=Message.Status.SENDING, claimed_at=timezone.now() - SENDING_TIMEOUT * 2
    )
    assert deliver_due() == 0
    assert mail.outbox == []
    assert Message.objects.get().status == Message.Status.FAILED


def test_resend_queues_a_copy_and_keeps_the_log() -> None:
    queue_mail(_mail(key="k"))
    deliver_due()
    resend(Message.objects.get())
    assert deliver_due() == 1
    assert len(mail.outbox) == 2
    assert Message.objects.filter(status=Message.Status.SENT).count() == 2


def test_many_mails_are_queued_in_batches_and_delivered_once(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django_tasks_db.models import DBTaskResult

    from natverk.outbox.actions import queue_mails

    queue_mail(_mail(key="k-3"))
    with django_capture_on_commit_callbacks(execute=True):
        new = queue_mails(_mail(to=f"p{k}@example.org", key=f"k-{k}") for k in range(250))
    assert new == 249  # k-3 was queued before
    assert Message.objects.count() == 250
    assert DBTaskResult.objects.count() == 3  # 249 mails in tasks of 100
    assert deliver_due() == 250
    assert len(mail.outbox) == 250
