"""The quarterly review reminder: in the last month of each quarter, one e-mail to each
member who keeps a list of networks, has not reviewed every network they take part in
this quarter, and has the reminder on.

The periodic job (``networks.review_reminders`` in ``tasks.py``) runs daily. The member's
settings row remembers the quarter reminded and the outbox key names member and quarter,
so a second run or a second worker sends nothing more. A member whose e-mails are paused
(``outbox.actions.paused``) is reminded when the pause ends, if the quarter has not.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import override

from natverk.accounts.models import User
from natverk.networks.models import Network, NetworkSettings, Review, quarter_of
from natverk.outbox.actions import Mail, paused, queue_mail

KIND = "natverk.networks.review_reminder"
#: Months in which the reminder goes out (the last of each quarter).
REMINDER_MONTHS = (3, 6, 9, 12)


def _link(path: str) -> str:
    return settings.NATVERK_SITE_URL.rstrip("/") + path


def _unreviewed(owner: User, quarter: str) -> list[Network]:
    reviewed = Review.objects.filter(network=OuterRef("pk"), quarter=quarter)
    return list(
        Network.objects.filter(owner=owner)
        .exclude(status=Network.Status.LEFT)
        .exclude(Exists(reviewed))
        .order_by("name")
    )


def _mail(owner: User, networks: list[Network], quarter: str) -> Mail:
    url = _link(reverse("networks:list"))
    context = {"owner": owner, "networks": networks, "quarter": quarter, "url": url}
    with override(owner.preferred_language):
        subject = " ".join(render_to_string("networks/mail/review_subject.txt", context).split())
        body = render_to_string("networks/mail/review.txt", context).strip() + "\n"
    return Mail(
        to=owner.email,
        subject=subject,
        body=body,
        kind=KIND,
        language=owner.preferred_language,
        key=f"{KIND}:{owner.pk}:{quarter}",
        topic=f"networks:{owner.pk}",
        user_id=owner.pk,
        headers={"List-Unsubscribe": f"<{url}#reminders>"},
    )


def send_review_reminders(today: dt.date) -> int:
    """Queue this quarter's reminder for every member due one; returns how many."""
    if today.month not in REMINDER_MONTHS:
        return 0
    quarter = quarter_of(today)
    off = NetworkSettings.objects.filter(review_reminders=False).values_list("owner_id")
    reminded = NetworkSettings.objects.filter(last_reminded_quarter=quarter).values_list("owner_id")
    owners = (
        User.objects.filter(is_active=True, networks__isnull=False)
        .exclude(pk__in=off)
        .exclude(pk__in=reminded)
        .distinct()
        .order_by("pk")
    )
    sent = 0
    for owner in owners:
        if not paused(owner.pk, today):
            sent += _remind(owner, quarter)
    return sent


@transaction.atomic
def _remind(owner: User, quarter: str) -> int:
    row, _created = NetworkSettings.objects.select_for_update().get_or_create(owner=owner)
    if row.last_reminded_quarter == quarter or not row.review_reminders:
        return 0
    networks = _unreviewed(owner, quarter)
    if not networks:
        return 0
    queued = queue_mail(_mail(owner, networks, quarter))
    row.last_reminded_quarter = quarter
    row.save(update_fields=["last_reminded_quarter"])
    return 1 if queued is not None else 0
