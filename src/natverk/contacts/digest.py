"""The weekly e-mail of who is due: once per ISO week per member, through the outbox.

The periodic job (``contacts.weekly_digest`` in ``tasks.py``) runs every few hours; the
first run of a week sends each member with follow-ups due in the next seven days one
mail, keyed by member and week so a second worker or a second run sends nothing more.
Members turn it off on their contact settings page; ``NATVERK_CONTACTS_DIGEST=0`` turns
it off for the whole site.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import override

from natverk.accounts.models import User
from natverk.contacts.models import Contact, ContactSettings
from natverk.outbox.actions import Mail, queue_mail

KIND = "natverk.contacts.digest"
#: Follow-ups this many days ahead are in the digest (overdue ones too).
AHEAD_DAYS = 7
_MOST_LISTED = 30


def week_of(day: dt.date) -> str:
    """The ISO week of a day, e.g. ``2027-W05``."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _link(path: str) -> str:
    return settings.NATVERK_SITE_URL.rstrip("/") + path


def _mail(owner: User, contacts: list[Contact], today: dt.date, week: str) -> Mail:
    context = {
        "owner": owner,
        "contacts": contacts[:_MOST_LISTED],
        "more": max(0, len(contacts) - _MOST_LISTED),
        "count": len(contacts),
        "today": today,
        "due_url": _link(reverse("contacts:due")),
        "settings_url": _link(reverse("contacts:settings")),
    }
    with override(owner.preferred_language):
        subject = " ".join(render_to_string("contacts/mail/digest_subject.txt", context).split())
        body = render_to_string("contacts/mail/digest.txt", context).strip() + "\n"
    return Mail(
        to=owner.email,
        subject=subject,
        body=body,
        kind=KIND,
        language=owner.preferred_language,
        key=f"{KIND}:{owner.pk}:{week}",
        topic=f"contacts:{owner.pk}",
        user_id=owner.pk,
        headers={"List-Unsubscribe": f"<{context['settings_url']}>"},
    )


def send_weekly_digests(today: dt.date) -> int:
    """Queue this week's digest for every member with follow-ups due; how many."""
    if not settings.NATVERK_CONTACTS_DIGEST:
        return 0
    week = week_of(today)
    horizon = today + dt.timedelta(days=AHEAD_DAYS)
    owners = (
        Contact.objects.filter(next_follow_up__lte=horizon)
        .values_list("owner_id", flat=True)
        .distinct()
    )
    off = set(
        ContactSettings.objects.filter(weekly_digest=False).values_list("owner_id", flat=True)
    )
    sent = 0
    for owner in User.objects.filter(pk__in=list(owners), is_active=True).order_by("pk"):
        if owner.pk in off:
            continue
        sent += _send_one(owner, today, horizon, week)
    return sent


@transaction.atomic
def _send_one(owner: User, today: dt.date, horizon: dt.date, week: str) -> int:
    contacts = list(
        Contact.objects.filter(owner=owner, next_follow_up__lte=horizon).order_by(
            "next_follow_up", "name"
        )
    )
    if not contacts:
        return 0
    queued = queue_mail(_mail(owner, contacts, today, week))
    row, _created = ContactSettings.objects.get_or_create(owner=owner)
    row.last_digest_week = week
    row.save(update_fields=["last_digest_week"])
    return 1 if queued is not None else 0
