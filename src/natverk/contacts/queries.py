"""Reading a member's contacts: the filtered list, who is due, the triage queue, and the
balance of give and take."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet

from natverk.accounts.models import User
from natverk.contacts.models import Contact, Interaction, Tag
from natverk.contacts.models.contact import search_fold, search_spellings
from natverk.site.numbers import whole_number

#: "Lately" for give and take: the last three months.
LATELY_DAYS = 90
#: "Coming up" on the due page: the next two weeks.
UPCOMING_DAYS = 14


@dataclass(frozen=True)
class Filters:
    """What the contact list is narrowed to (every part optional)."""

    q: str = ""
    status: str = ""
    strength: str = ""
    company: str = ""
    tag: str = ""
    due: str = ""  # "now" (today or overdue), "week" (within 7 days)


def filtered_contacts(owner: User, filters: Filters, today: dt.date) -> QuerySet[Contact]:
    """The member's contacts narrowed by the filters, by name."""
    contacts = Contact.objects.filter(owner=owner)
    for word in search_fold(filters.q).split()[:8]:
        spellings = Q()
        for spelling in search_spellings(word):
            spellings |= Q(search_text__contains=spelling)
        contacts = contacts.filter(spellings)
    if filters.status in Contact.Status.values:
        contacts = contacts.filter(status=filters.status)
    strength = whole_number(filters.strength)
    if strength is not None and strength in Contact.Strength.values:
        contacts = contacts.filter(strength=strength)
    if filters.company.strip():
        contacts = contacts.filter(company__icontains=filters.company.strip())
    if filters.tag.strip():
        contacts = contacts.filter(tags__key=filters.tag.strip().casefold())
    if filters.due == "now":
        contacts = contacts.filter(next_follow_up__lte=today)
    elif filters.due == "week":
        contacts = contacts.filter(next_follow_up__lte=today + dt.timedelta(days=7))
    return contacts.order_by("name", "pk")


def tags_of(owner: User) -> QuerySet[Tag]:
    """The member's tags, alphabetically."""
    return Tag.objects.filter(owner=owner).order_by("key")


def due_contacts(owner: User, today: dt.date) -> QuerySet[Contact]:
    """Follow-ups due today or overdue, the oldest first."""
    return Contact.objects.filter(owner=owner, next_follow_up__lte=today).order_by(
        "next_follow_up", "name"
    )


def upcoming_contacts(owner: User, today: dt.date, days: int = UPCOMING_DAYS) -> QuerySet[Contact]:
    """Follow-ups in the coming ``days`` days (not yet due)."""
    return Contact.objects.filter(
        owner=owner,
        next_follow_up__gt=today,
        next_follow_up__lte=today + dt.timedelta(days=days),
    ).order_by("next_follow_up", "name")


def triage_queue(owner: User) -> QuerySet[Contact]:
    """Contacts not triaged yet, in the order they came in."""
    return Contact.objects.filter(owner=owner, status=Contact.Status.NEW).order_by(
        "created_at", "pk"
    )


def with_balance(contacts: QuerySet[Contact]) -> QuerySet[Contact]:
    """Contacts with ``gave`` and ``got``: how often I gave and got help, all time."""
    return contacts.annotate(
        gave=Count("interactions", filter=Q(interactions__flow=Interaction.Flow.GAVE)),
        got=Count("interactions", filter=Q(interactions__flow=Interaction.Flow.GOT)),
    )


def balance_of(contact: Contact) -> tuple[int, int]:
    """How often I gave and got help from one contact, all time."""
    counts = contact.interactions.aggregate(
        gave=Count("pk", filter=Q(flow=Interaction.Flow.GAVE)),
        got=Count("pk", filter=Q(flow=Interaction.Flow.GOT)),
    )
    return counts["gave"], counts["got"]


def only_taken_lately(owner: User, today: dt.date, days: int = LATELY_DAYS) -> QuerySet[Contact]:
    """People I got something from in the last ``days`` days and gave nothing back."""
    since = today - dt.timedelta(days=days)
    recent = Q(interactions__on__gte=since)
    return (
        Contact.objects.filter(owner=owner)
        .annotate(
            got_lately=Count(
                "interactions", filter=recent & Q(interactions__flow=Interaction.Flow.GOT)
            ),
            gave_lately=Count(
                "interactions", filter=recent & Q(interactions__flow=Interaction.Flow.GAVE)
            ),
        )
        .filter(got_lately__gt=0, gave_lately=0)
        .order_by("-got_lately", "name")
    )


def balances(owner: User) -> QuerySet[Contact]:
    """Every contact with some give or take, those I owe most first."""
    return (
        with_balance(Contact.objects.filter(owner=owner))
        .filter(Q(gave__gt=0) | Q(got__gt=0))
        .annotate(balance=F("gave") - F("got"))
        .order_by("balance", "name")
    )
