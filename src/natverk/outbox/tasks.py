"""Background delivery of the outbox on the database task queue."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from natverk.jobs.registry import periodic
from natverk.outbox import actions


@task()
def deliver_message(message_id: int) -> bool:
    """Deliver one queued mail (queued by ``queue_mail`` after its transaction commits)."""
    return actions.deliver(message_id)


@task()
def deliver_messages(message_ids: list[int]) -> int:
    """Deliver a batch of queued mails (queued together by ``queue_mails``)."""
    return sum(actions.deliver(pk) for pk in message_ids)


@periodic("outbox.deliver_due", every=dt.timedelta(minutes=1))
@task()
def deliver_due() -> int:
    """Deliver what is due: retries, and mails whose task never reached the queue."""
    return actions.deliver_due()
