"""Open themed events: registration within capacity with consent, the registrant's own
page, reminders with the video link (each once), cancelling."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from natverk.live.actions import events as actions
from natverk.live.models import Event, Registration
from natverk.outbox.actions import deliver_due
from natverk.privacy.models import ConsentRecord
from tests.live.conftest import LiveWorld

PASSWORD = "en-lång-fras-för-träffen-2027"


def _event(world: LiveWorld, capacity: int = 2, days: float = 3) -> Event:
    start = timezone.now() + dt.timedelta(days=days)
    return actions.create_event(
        world.organisation,
        by=world.leader,
        theme="Hållbar kommunikation",
        speaker="Sara Expert",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1, minutes=30),
        capacity=capacity,
        video_url="https://zoom.example/j/123",
    )


def _consent(client: Client, url: str) -> dict[str, str]:
    assert 'name="privacy-agree"' in client.get(url).content.decode()
    return {"name": "Ny Person", "email": "ny@example.org", "language": "sv", "privacy-agree": "on"}


def _link_in(to: str) -> str:
    """The confirmation link of the last mail to ``to`` (its path)."""
    deliver_due()
    body = [m for m in mail.outbox if m.to == [to]][-1].body
    found = re.search(r"http://[^/\s]+(/e/confirm/[^\s]+/)", body)
    assert found is not None, body
    return found.group(1)


def test_a_visitor_registers_confirms_the_address_chooses_a_password_and_gets_the_link(
    live_world: LiveWorld, django_capture_on_commit_callbacks: object
) -> None:
    event = _event(live_world)
    client = Client()
    url = reverse("live:register", kwargs={"event_token": event.token})
    response = client.post(url, _consent(client, url) | {"languages": ["sv", "en"]})
    # No place and no personal page before the address is confirmed.
    assert response.status_code == 200 and "ny@example.org" in response.content.decode()
    assert not Registration.objects.filter(event=event).exists()
    assert ConsentRecord.objects.filter(email="ny@example.org").exists()
    link = _link_in("ny@example.org")
    assert "Välj ett lösenord" in client.get(link).content.decode()
    chosen = {"name": "Ny Person", "new_password1": PASSWORD, "new_password2": PASSWORD}
    confirmed = client.post(link, chosen)
    assert confirmed.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.spoken == frozenset({"sv", "en"}) and registration.user is not None
    assert registration.user.email == "ny@example.org" and registration.user.check_password(
        PASSWORD
    )
    own = client.get(confirmed["Location"])
    assert own.status_code == 200 and "Hållbar kommunikation" in own.content.decode()
    deliver_due()
    assert any(str(registration.token) in m.body for m in mail.outbox if m.to == ["ny@example.org"])
    # The link works once.
    assert client.post(link, chosen).status_code != 302
    assert Registration.objects.filter(event=event).count() == 1


def test_nobody_takes_a_place_or_a_page_for_someone_elses_address(live_world: LiveWorld) -> None:
    event = _event(live_world)
    taken = actions.register(event, name="Ägaren", email="agare@example.org")
    client = Client()
    url = reverse("live:register", kwargs={"event_token": event.token})
    data = _consent(client, url) | {"email": "agare@example.org", "name": "Någon annan"}
    page = client.post(url, data).content.decode()
    # The same page as for a new address: nothing says the address is registered.
    assert str(taken.token) not in page and "agare@example.org" in page
    taken.refresh_from_db()
    assert taken.name == "Ägaren" and Registration.objects.filter(event=event).count() == 1
    deliver_due()
    # The owner gets their own page's link again, nothing to confirm.
    last = [m for m in mail.outbox if m.to == ["agare@example.org"]][-1]
    assert str(taken.token) in last.body and "/e/confirm/" not in last.body


def test_an_existing_account_confirms_without_a_new_password_and_a_full_event_says_so(
    live_world: LiveWorld,
) -> None:
    event = _event(live_world, capacity=1)
    member = live_world.leader
    client = Client()
    url = reverse("live:register", kwargs={"event_token": event.token})
    client.post(url, _consent(client, url) | {"email": member.email})
    link = _link_in(member.email)
    assert "lösenord" not in client.get(link).content.decode().split("<main", 1)[-1].lower()
    actions.register(event, name="Först", email="forst@example.org")  # the last place goes
    full = client.post(link)
    assert full.status_code == 200 and "fullbokad" in full.content.decode()
    assert not Registration.objects.filter(event=event, email=member.email).exists()


def test_someone_logged_in_as_another_person_is_asked_to_log_out(live_world: LiveWorld) -> None:
    event = _event(live_world)
    client = Client()
    url = reverse("live:register", kwargs={"event_token": event.token})
    client.post(url, _consent(client, url))
    link = _link_in("ny@example.org")
    client.force_login(live_world.leader)
    page = client.post(link).content.decode()
    assert "Logga ut" in page and not Registration.objects.filter(event=event).exists()


def test_capacity_is_kept_and_an_address_registers_once(live_world: LiveWorld) -> None:
    event = _event(live_world, capacity=2)
    actions.register(event, name="Ett", email="a@example.org")
    with pytest.raises(actions.AlreadyRegisteredError):
        actions.register(event, name="Ett igen", email="A@example.org")
    actions.register(event, name="Två", email="b@example.org")
    with pytest.raises(actions.FullError):
        actions.register(event, name="Tre", email="c@example.org")
    first = Registration.objects.get(email="a@example.org")
    actions.cancel_registration(first)
    assert actions.places_left(event) == 1
    again = actions.register(event, name="Ett", email="a@example.org")
    assert again.pk == first.pk and again.cancelled_at is None


def test_reminders_go_out_once_each_with_the_video_link(live_world: LiveWorld) -> None:
    event = _event(live_world, capacity=5, days=0.5)
    actions.register(event, name="Ett", email="a@example.org")
    actions.register(event, name="Två", email="b@example.org")
    deliver_due()
    mail.outbox.clear()
    assert actions.send_reminders() == 2
    # (the members' own mails from the world are delivered and cleared above)
    assert actions.send_reminders() == 0
    deliver_due()
    assert len(mail.outbox) == 2 and all(
        "https://zoom.example/j/123" in m.body for m in mail.outbox
    )
    later = event.starts_at - dt.timedelta(minutes=30)
    assert actions.send_reminders(now=later) == 2  # the hour-before reminder
    assert actions.send_reminders(now=later) == 0


def test_cancelling_the_event_tells_everyone(live_world: LiveWorld) -> None:
    event = _event(live_world, capacity=5)
    actions.register(event, name="Ett", email="a@example.org")
    deliver_due()
    mail.outbox.clear()
    actions.cancel_event(event)
    deliver_due()
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert actions.send_reminders(now=event.starts_at - dt.timedelta(minutes=5)) == 0
    page = Client().get(reverse("live:register", kwargs={"event_token": event.token}))
    assert page.status_code == 404


def test_leaders_create_events_and_see_who_registered(live_world: LiveWorld) -> None:
    client = Client()
    client.force_login(live_world.leader)
    url = reverse("live:events", kwargs={"slug": live_world.slug})
    response = client.post(
        url,
        {
            "theme": "AI och nätverkande",
            "speaker": "",
            "description": "",
            "series": "Tematräffar",
            "starts_at": "2027-02-03T17:00",
            "ends_at": "2027-02-03T16:00",
            "capacity": "40",
            "video_url": "",
        },
    )
    assert response.status_code == 200 and not Event.objects.exists()  # ends before it starts
    response = client.post(
        url,
        {
            "theme": "AI och nätverkande",
            "series": "Tematräffar",
            "starts_at": "2027-02-03T17:00",
            "ends_at": "2027-02-03T18:30",
            "capacity": "40",
            "video_url": "zoom.example/j/9",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and event.video_url == "https://zoom.example/j/9"
    actions.register(event, name="Rut", email="rut@example.org")
    page = client.get(reverse("live:event", kwargs={"slug": live_world.slug, "event_id": event.pk}))
    assert "rut@example.org" in page.content.decode()


def _calendar_event(content: bytes) -> icalendar.Event:
    [event] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    return event


def test_the_confirmation_carries_the_calendar_and_the_page_offers_it(
    live_world: LiveWorld,
) -> None:
    event = _event(live_world)
    registration = actions.register(event, name="Kal Ender", email="kal@example.org", language="en")
    deliver_due()
    [message] = [m for m in mail.outbox if m.to == ["kal@example.org"]]
    [(name, content, mimetype)] = message.attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    entry = _calendar_event(content if isinstance(content, bytes) else content.encode())
    assert entry["summary"] == "Hållbar kommunikation" and entry["status"] == "CONFIRMED"
    assert (
        entry.decoded("dtstart") == event.starts_at.replace(microsecond=0)
        and str(entry["url"]) == event.video_url
    )
    assert str(registration.token) in str(entry["description"])
    client = Client()
    page = client.get(
        reverse("live:registration", kwargs={"registration_token": registration.token})
    )
    url = reverse("live:registration_calendar", kwargs={"registration_token": registration.token})
    assert url in page.content.decode()
    download = client.get(url)
    assert download["Content-Type"].startswith("text/calendar")
    assert _calendar_event(download.content)["uid"] == entry["uid"]


def test_a_new_time_is_mailed_with_an_updated_calendar_and_a_cancellation_removes_it(
    live_world: LiveWorld,
) -> None:
    event = _event(live_world)
    registration = actions.register(event, name="Kal Ender", email="kal@example.org", language="en")
    first = _calendar_event(actions.event_calendar(registration))
    actions.update_event(event, speaker="Annan Expert")  # not the time: no mail, same sequence
    assert Event.objects.get(pk=event.pk).sequence == 0
    deliver_due()
    mail.outbox.clear()
    later = event.starts_at + dt.timedelta(hours=2)
    actions.update_event(event, starts_at=later, ends_at=later + dt.timedelta(hours=1))
    deliver_due()
    [moved] = [m for m in mail.outbox if m.to == ["kal@example.org"]]
    assert "New time" in moved.subject
    updated = _calendar_event(moved.attachments[0][1].encode())
    assert updated["uid"] == first["uid"] and updated["sequence"] > first["sequence"]
    assert updated.decoded("dtstart") == later.replace(microsecond=0)
    mail.outbox.clear()
    actions.cancel_event(event)
    deliver_due()
    [cancelled] = [m for m in mail.outbox if m.to == ["kal@example.org"]]
    dropped = _calendar_event(cancelled.attachments[0][1].encode())
    assert dropped["status"] == "CANCELLED" and dropped["sequence"] > updated["sequence"]


@override_settings(NATVERK_APPLY_LIMIT_PER_CLIENT=3, NATVERK_APPLY_LIMIT_PER_ADDRESS=100)
def test_registrations_from_one_client_are_limited_as_applications_are(
    live_world: LiveWorld,
) -> None:
    cache.clear()
    event = _event(live_world, capacity=10)
    client = Client()
    url = reverse("live:register", kwargs={"event_token": event.token})
    data = _consent(client, url)
    statuses = [
        client.post(url, data | {"email": f"p{n}@example.org"}).status_code for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    deliver_due()
    assert len({m.to[0] for m in mail.outbox if "/e/confirm/" in m.body}) == 3
