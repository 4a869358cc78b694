"""The short evaluation after an event: asked once by mail when it is over, answered
anonymously from the registrant's own page, shown to the organiser only over whole
batches of k answers, closed (and untraceable) two weeks later."""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from natverk.live.actions import evaluation
from natverk.live.actions import events as actions
from natverk.live.models import Event, Poll, Registration, Vote
from natverk.outbox.actions import deliver_due
from tests.live.conftest import LiveWorld


def _ended_event(world: LiveWorld, people: int) -> tuple[Event, list[Registration]]:
    start = timezone.now() + dt.timedelta(days=1)
    event = actions.create_event(
        world.organisation,
        by=world.leader,
        theme="AI i kommunikationen",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        capacity=50,
    )
    registrations = [
        actions.register(event, name=f"Deltagare {n}", email=f"d{n}@example.org", language="en")
        for n in range(people)
    ]
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=2),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )
    event.refresh_from_db()
    return event, registrations


def _answer(registration: Registration, value: str, again: str, better: str) -> int:
    url = reverse("live:evaluation", kwargs={"registration_token": registration.token})
    polls = list(Poll.objects.filter(event=registration.event, evaluation=True).order_by("id"))
    data = {f"q{polls[0].pk}": value, f"q{polls[1].pk}": again, f"q{polls[2].pk}": better}
    return Client().post(url, data).status_code


def _evaluation_section(client: Client, url: str) -> str:
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    return page[page.index("<h2>Evaluation</h2>") : page.index("<h2>Details</h2>")]


def test_everyone_registered_is_asked_once_when_the_event_is_over(live_world: LiveWorld) -> None:
    event, registrations = _ended_event(live_world, 3)
    actions.cancel_registration(registrations[2])
    deliver_due()
    mail.outbox.clear()
    assert evaluation.send_evaluations() == 2
    assert evaluation.send_evaluations() == 0  # idempotent
    deliver_due()
    assert sorted(m.to[0] for m in mail.outbox) == ["d0@example.org", "d1@example.org"]
    [first] = [m for m in mail.outbox if m.to == ["d0@example.org"]]
    link = re.search(r"https?://\S+/evaluation/", first.body)
    assert link and str(registrations[0].token) in link.group(0)
    polls = Poll.objects.filter(event=event, evaluation=True)
    assert [p.kind for p in polls.order_by("id")] == ["scale", "single", "text"]
    assert all(p.state == Poll.State.OPEN and p.anonymous for p in polls)


def test_a_registrant_answers_once_and_the_answer_keeps_no_name(live_world: LiveWorld) -> None:
    event, [registration] = _ended_event(live_world, 1)
    evaluation.send_evaluations()
    assert _answer(registration, "4", "0", "Mer tid i grupprummen") == 302
    assert Vote.objects.count() == 3 and not Vote.objects.filter(user__isnull=False).exists()
    assert _answer(registration, "1", "2", "Annat") == 400  # a second time is refused
    assert Vote.objects.count() == 3
    url = reverse("live:evaluation", kwargs={"registration_token": registration.token})
    thanks = Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Thank you, your answers are in." in thanks
    poll = Poll.objects.filter(event=event, evaluation=True).first()
    assert poll is not None
    assert Client().get(reverse("live:answer", kwargs={"code": poll.code})).status_code == 404
    leader = Client()
    leader.force_login(live_world.leader)
    screen = reverse("live:poll", kwargs={"slug": live_world.slug, "poll_id": poll.pk})
    assert leader.get(screen).status_code == 404  # no live screen below k


def test_the_organiser_sees_the_answers_only_in_whole_batches_of_k(
    live_world: LiveWorld,
) -> None:
    k = live_world.organisation.min_report_size
    event, registrations = _ended_event(live_world, k + 1)
    evaluation.send_evaluations()
    leader = Client()
    leader.force_login(live_world.leader)
    url = reverse("live:event", kwargs={"slug": live_world.slug, "event_id": event.pk})
    for registration in registrations[: k - 1]:
        _answer(registration, "5", "0", "Bra talare")
    page = _evaluation_section(leader, url)
    assert f"at least {k} people have answered" in page and "Average" not in page
    _answer(registrations[k - 1], "5", "0", "Bra talare")
    page = _evaluation_section(leader, url)
    assert f"{k} answers" in page and "<strong>5.0</strong>" in page
    _answer(registrations[k], "1", "2", "Tråkig")  # one more: nothing shown changes
    assert _evaluation_section(leader, url) == page
    _k, shown = evaluation.evaluation_results(event)
    assert [r.voters for _p, r in shown] == [k, k, k]


def test_the_evaluation_closes_after_two_weeks_and_forgets_who_answered(
    live_world: LiveWorld,
) -> None:
    event, [registration] = _ended_event(live_world, 1)
    evaluation.send_evaluations()
    _answer(registration, "3", "1", "Kortare")
    evaluation.send_evaluations(now=event.ends_at + evaluation.OPEN_FOR + dt.timedelta(minutes=1))
    polls = Poll.objects.filter(event=event, evaluation=True)
    assert all(p.state == Poll.State.CLOSED and p.salt == "" for p in polls)
    assert Vote.objects.filter(poll__in=polls).count() == 3


def test_the_registrants_page_leads_to_the_evaluation_once_the_event_is_over(
    live_world: LiveWorld,
) -> None:
    event, [registration] = _ended_event(live_world, 1)
    own = reverse("live:registration", kwargs={"registration_token": registration.token})
    evaluation_url = reverse("live:evaluation", kwargs={"registration_token": registration.token})
    page = Client().get(own, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This event has taken place." in page and "give my place back" not in page
    assert evaluation_url not in page  # not asked yet
    evaluation.send_evaluations()
    page = Client().get(own, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert evaluation_url in page and "Join the meeting" not in page
