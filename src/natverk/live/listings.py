"""Open events in the organisation's catalogue, beside its programs.

Programs' catalogue takes other kinds of listing through ``catalogue.add_source``
(programs never imports live); ``LiveConfig.ready`` adds ``event_listings``. An event is
one digital meeting; its places left come from its capacity, its link is its public
registration page, and registration is open until it starts.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from natverk.accounts.models import Organisation
from natverk.live.models import Event
from natverk.programs.catalogue import Listing


def event_listings(organisation: Organisation, lang: str) -> list[Listing]:
    """The organisation's events still to come (not cancelled), as catalogue entries."""
    events = (
        Event.objects.filter(
            organisation=organisation, cancelled_at__isnull=True, starts_at__gt=timezone.now()
        )
        .annotate(taken=Count("registrations", filter=Q(registrations__cancelled_at__isnull=True)))
        .order_by("starts_at", "id")
    )
    language = "da" if organisation.country == "DK" else "sv"
    out = []
    with override(lang):
        for event in events:
            url = reverse("live:register", kwargs={"event_token": event.token})
            day = timezone.localtime(event.starts_at).date()
            out.append(
                Listing(
                    kind="event",
                    key=event.pk,
                    title=event.theme,
                    url=url,
                    page=url,
                    purpose=_("With %(speaker)s") % {"speaker": event.speaker}
                    if event.speaker
                    else "",
                    description=event.description,
                    minutes=max(1, round((event.ends_at - event.starts_at).total_seconds() / 60)),
                    starts_on=day,
                    language=language,
                    places_left=max(0, event.capacity - int(getattr(event, "taken", 0))),
                    deadline=day,
                    action=_("Register"),
                    more=_("More about the event"),
                )
            )
    return out
