"""Every change to a member's networks: adding, editing, reviewing, the natverk programs
filled in from their places, and the review reminder setting."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from natverk.accounts.models import User
from natverk.networks.models import Network, NetworkSettings, Review, quarter_of
from natverk.programs.models import Application, Participation

#: A natverk program's network state from the member's participation.
_STATUS = {
    Participation.State.ACTIVE: Network.Status.ACTIVE,
    Participation.State.PAUSED: Network.Status.PAUSED,
    Participation.State.LEFT: Network.Status.LEFT,
}
#: The fields a member may change on a natverk program (its name, kind and status follow
#: the program: pausing and leaving happen in the group's space).
INSIDE_FIELDS = ("purpose", "hours_per_month", "cost")
OUTSIDE_FIELDS = ("kind", "name", "status", *INSIDE_FIELDS)


class NetworkError(ValueError):
    """A change that is not allowed; the text says why."""


def add_network(owner: User, **fields: Any) -> Network:
    """Add a network outside natverk (an association, alumni, a LinkedIn group, ...)."""
    if fields.get("kind") == Network.Kind.NATVERK:
        raise NetworkError("natverk programs are filled in from the member's places")
    network = Network(owner=owner, **{k: v for k, v in fields.items() if k in OUTSIDE_FIELDS})
    network.full_clean()
    network.save()
    return network


def update_network(network: Network, **fields: Any) -> Network:
    """Change what the member says about a network (a natverk program keeps its name)."""
    allowed = INSIDE_FIELDS if network.inside else OUTSIDE_FIELDS
    changed = [name for name in fields if name in allowed]
    if not network.inside and fields.get("kind") == Network.Kind.NATVERK:
        raise NetworkError("an outside network cannot become a natverk program")
    for name in changed:
        setattr(network, name, fields[name])
    network.full_clean()
    network.save(update_fields=[*changed, "updated_at"])
    return network


def delete_network(network: Network) -> None:
    """Remove a network outside natverk with its reviews (a natverk program is marked
    left instead, since it is filled in from the member's places)."""
    if network.inside:
        raise NetworkError("a natverk program is marked left, not deleted")
    network.delete()


@transaction.atomic
def review_network(network: Network, *, value: int, energy: int, gave: str, got: str) -> Review:
    """Review a network for this quarter (a second review this quarter replaces it)."""
    quarter = quarter_of(timezone.localdate())
    review = Review.objects.filter(network=network, quarter=quarter).first() or Review(
        network=network, quarter=quarter
    )
    review.value, review.energy = value, energy
    review.gave, review.got = gave.strip(), got.strip()
    review.full_clean()
    review.save()
    return review


def _monthly_hours(application: Application) -> Decimal:
    """What a program's meetings take a month, in hours (meetings x minutes over weeks)."""
    program = application.program
    months = max(program.span_weeks / 4.345, 1.0)
    hours = program.meeting_count * program.meeting_minutes / 60 / months
    return Decimal(str(round(min(hours, 200.0), 1)))


def _purpose(application: Application) -> str:
    goals = [goal.text for goal in application.goals.all()]
    return "\n".join(goals)[:1000]


@transaction.atomic
def sync_natverk_networks(owner: User) -> int:
    """Fill in the member's natverk programs from the groups they were told about, and
    follow their pauses and leaving; returns how many rows were added or changed."""
    applications = (
        Application.objects.filter(user=owner, placement__isnull=False)
        .select_related("program", "participation")
        .prefetch_related("goals")
    )
    known = {n.application_id: n for n in Network.objects.filter(owner=owner, kind="natverk")}
    changed = 0
    for gone in set(known) - {a.pk for a in applications}:  # left: the place is given up
        changed += _set_status(known[gone], Network.Status.LEFT)
    for application in applications:
        participation = getattr(application, "participation", None)
        state = participation.state if participation else Participation.State.ACTIVE
        status = (
            _STATUS[Participation.State(state)]
            if application.status == Application.Status.ACCEPTED
            else Network.Status.LEFT
        )
        network = known.get(application.pk)
        if network is None:
            Network.objects.create(
                owner=owner,
                kind=Network.Kind.NATVERK,
                name=application.program.title[:200],
                purpose=_purpose(application),
                hours_per_month=_monthly_hours(application),
                cost=application.program.fee_text,
                status=status,
                application=application,
            )
            changed += 1
        else:
            changed += _set_status(network, status)
    return changed


def _set_status(network: Network, status: str) -> int:
    if network.status == status:
        return 0
    network.status = status
    network.save(update_fields=["status", "updated_at"])
    return 1


def set_review_reminders(owner: User, on: bool) -> NetworkSettings:
    """Turn the quarterly review reminder on or off."""
    row, _created = NetworkSettings.objects.get_or_create(owner=owner)
    row.review_reminders = on
    row.save(update_fields=["review_reminders"])
    return row
