"""Open themed events in the organisation's catalogue beside its programs: what, when,
who speaks, places left, and who has registered counted only in groups of three or more."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from natverk.accounts import actions as accounts
from natverk.accounts.models import Organisation, Profile
from natverk.live.actions import events as actions
from natverk.live.models import Event
from tests.live.conftest import LiveWorld


def _event(world: LiveWorld, theme: str, days: float, capacity: int = 20) -> Event:
    start = timezone.now() + dt.timedelta(days=days)
    return actions.create_event(
        world.organisation,
        by=world.leader,
        theme=theme,
        speaker="Sara Expert",
        description="Hur berättar vi om klimatarbetet utan att överdriva?",
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=90),
        capacity=capacity,
    )


def _register(world: LiveWorld, event: Event, people: int, profession: str) -> None:
    for application in world.members[:people]:
        assert application.user is not None
        Profile.objects.filter(user=application.user).update(profession=profession, industry="35")
        actions.register(
            event, name=application.name, email=application.email, user=application.user
        )


def test_events_to_come_are_listed_with_speaker_time_and_places_left(
    live_world: LiveWorld,
) -> None:
    accounts.set_catalogue_visibility(live_world.organisation, Organisation.Catalogue.PUBLIC)
    coming = _event(live_world, "Hållbar kommunikation", days=5)
    _register(live_world, coming, 4, "2432")
    _event(live_world, "Redan hållet", days=-1)
    actions.cancel_event(_event(live_world, "Inställt", days=9))
    url = reverse("programs:catalogue", args=[live_world.slug])
    html = Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Hållbar kommunikation" in html
    assert "Redan hållet" not in html and "Inställt" not in html
    assert "Open themed event" in html and "Sara Expert" in html
    assert "1 meeting of 90 minutes" in html
    assert reverse("live:register", args=[coming.token]) in html
    article = html.split("Hållbar kommunikation", 1)[1].split("</article>", 1)[0]
    assert re.search(r"<dt>Places left</dt><dd>16</dd>", article)
    assert "Register by" in article and ">Register<" in article
    # Four who registered, all communicators: shown against the total of four, a group
    # of three would single out the fourth, so the counts show batches of three only.
    counts = [int(n) for n in re.findall(r"<td>(\d+)</td>", article)]
    assert counts and all(n >= 3 for n in counts)


def test_an_event_is_not_in_a_profession_filter_but_is_in_the_digital_one(
    live_world: LiveWorld,
) -> None:
    accounts.set_catalogue_visibility(live_world.organisation, Organisation.Catalogue.PUBLIC)
    _event(live_world, "Hållbar kommunikation", days=5)
    url = reverse("programs:catalogue", args=[live_world.slug])
    digital = Client().get(url, {"format": "digital"}).content.decode()
    assert "Hållbar kommunikation" in digital
    hybrid = Client().get(url, {"format": "hybrid"}).content.decode()
    assert "Hållbar kommunikation" not in hybrid
