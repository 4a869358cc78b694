"""Mails to people, rendered in their language with a plain-text and an HTML part.

Every mail goes through the outbox (``natverk.outbox.actions.queue_mail``) in the
transaction of the change it reports. Templates are ``<name>_subject.txt`` and
``<name>.txt``; the HTML part is the text, laid out and with its links made clickable.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import unescape
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import override

from natverk.outbox.actions import Mail, queue_wanted, wanted
from natverk.outbox.models import Message


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """A full link for a mail: the request's host when there is one, else the site's."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.NATVERK_SITE_URL.rstrip("/") + path


def render_mail(template: str, context: Mapping[str, Any], language: str) -> tuple[str, str, str]:
    """Subject, text and HTML of a mail template in ``language``."""
    with override(language):
        # The templates are autoescaped; a plain-text part wants the characters back.
        subject = unescape(
            " ".join(render_to_string(f"{template}_subject.txt", dict(context)).split())
        )
        text = unescape(render_to_string(f"{template}.txt", dict(context)).strip()) + "\n"
        html = render_to_string("mail/layout.html", {"subject": subject, "text": text})
    return subject, text, html


def send(
    template: str,
    context: Mapping[str, Any],
    *,
    to: str,
    language: str,
    kind: str,
    key: str | None = None,
    topic: str = "",
    organisation_id: int | None = None,
    user_id: int | None = None,
    headers: Mapping[str, str] | None = None,
    pausable: bool = False,
) -> Message | None:
    """Render and queue one mail (None when the same key was queued before, or when a
    ``pausable`` notification meets a person who paused their e-mails). Both are asked
    before rendering, so that a periodic job that offers the same mails again (the
    meeting reminders, every 15 minutes) does not render them again."""
    if not wanted(key, pausable=pausable, user_id=user_id):
        return None
    subject, text, html = render_mail(template, context, language)
    return queue_wanted(
        Mail(
            to=to,
            subject=subject,
            body=text,
            html=html,
            kind=kind,
            language=language,
            key=key,
            topic=topic,
            organisation_id=organisation_id,
            user_id=user_id,
            headers=dict(headers or {}),
            pausable=pausable,
        )
    )


def unsubscribe_headers(url: str) -> dict[str, str]:
    """List-Unsubscribe with one-click (RFC 8058) for notification mails."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
