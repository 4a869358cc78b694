"""Open themed events in the organisation's catalogue, beside its programs.

Added as a kind of listing with ``programs.catalogue.add_source`` (programs never imports
live): every event that has not started and is not cancelled, with its speaker, who runs
it, its time, places left and who has registered so far (counted like a program's people,
only in groups nobody can be singled out of).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from natverk.accounts.models import Organisation, Profile
from natverk.live.models import Event, Registration
from natverk.programs.catalogue import Listing, bios, coarse, joined_of, leader_of, photos

#: The language an event is listed in, by the organisation's country (events have none).
COUNTRY_LANGUAGE = {"SE": "sv", "DK": "da"}


def _registered_rows(events: Sequence[Event]) -> dict[int, list[dict[str, str]]]:
    """Who registered for each event with an account, as coarse attributes, in order."""
    users = Registration.objects.filter(
        event__in=events, cancelled_at__isnull=True, user__isnull=False
    ).order_by("id")
    pairs = list(users.values_list("event_id", "user_id"))
    profiles = {
        p.user_id: coarse(p.profession, p.industry, p.region)
        for p in Profile.objects.filter(user_id__in={u for _, u in pairs})
    }
    rows: dict[int, list[dict[str, str]]] = defaultdict(list)
    for event_id, user_id in pairs:
        rows[event_id].append(profiles.get(user_id, coarse("", "", "")))
    return rows


def _coming(organisation: Organisation) -> QuerySet[Event]:
    return Event.objects.filter(
        organisation=organisation, cancelled_at__isnull=True, starts_at__gt=timezone.now()
    )


def event_leaders(organisation: Organisation) -> set[int]:
    """Who created an event still to come (whose photo the catalogue may show)."""
    return {pk for pk in _coming(organisation).values_list("created_by_id", flat=True) if pk}


def event_listings(organisation: Organisation, lang: str) -> list[Listing]:
    """Every event of the organisation still to come, as catalogue entries."""
    events = list(
        _coming(organisation)
        .select_related("created_by")
        .annotate(taken=Count("registrations", filter=Q(registrations__cancelled_at__isnull=True)))
    )
    rows = _registered_rows(events)
    found = bios(e.created_by_id for e in events)
    faces = photos(organisation, (e.created_by_id for e in events))
    out = []
    for event in events:
        page = reverse("live:register", args=[event.token])
        day = timezone.localdate(event.starts_at)
        out.append(
            Listing(
                kind="event",
                key=event.pk,
                title=event.theme,
                url=page,
                page=page,
                description=event.description,
                leader=leader_of(
                    event.created_by,
                    found.get(event.created_by_id or 0, ""),
                    faces.get(event.created_by_id or 0, ""),
                ),
                speaker=event.speaker,
                meetings=1,
                minutes=int((event.ends_at - event.starts_at).total_seconds() // 60),
                starts_on=day,
                ends_on=day,
                language=COUNTRY_LANGUAGE.get(organisation.country, "en"),
                places_left=max(0, event.capacity - int(getattr(event, "taken", 0))),
                deadline=day,
                joined=joined_of(rows.get(event.pk, []), lang),
            )
        )
    return out
