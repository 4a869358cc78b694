"""Breakout rounds in the browser: planning for the people present, re-planning after
people leave or join (held rounds kept, no new repeats), history across meetings and
events of a series, keep-apart pairs, facilitators, languages, Zoom files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from natverk.live.access import Owner
from natverk.live.actions import events
from natverk.live.actions import rounds as actions
from natverk.live.models import BreakoutRound
from tests.live.conftest import LiveWorld, build_live_world

TWENTY = tuple(f"Person {k:02d}" for k in range(20))
#: Generous for a loaded test machine (the web uses 0.8 s; bench/rounds_live.py).
LIMIT = 3.0


def _pairs(rooms: list[list[int]]) -> set[tuple[int, int]]:
    return {(min(a, b), max(a, b)) for room in rooms for a, b in itertools.combinations(room, 2)}


def _repeats(rounds: list[BreakoutRound]) -> int:
    seen: set[tuple[int, int]] = set()
    repeats = 0
    for r in rounds:
        pairs = _pairs(r.rooms)
        repeats += len(pairs & seen)
        seen |= pairs
    return repeats


def _rooms_of_four(owner: Owner, present: list[int]) -> None:
    """Rooms of 2-4: with fewer than five rooms of five a repeat is forced from round 2 on
    (a room of five takes two people from one earlier room)."""
    actions.set_room_rules(actions.breakouts_of(owner), size=(2, 4), present=present)


def test_rooms_hold_at_most_five_by_default(db: None) -> None:
    world = build_live_world(TWENTY)
    planned = actions.plan_breakout_rounds(Owner(meeting=world.meetings[0]), rounds=1, seed=0)
    assert [len(room) for room in planned.rounds[0].rooms] == [5, 5, 5, 5]


def test_rounds_are_planned_for_everyone_present_without_repeats(db: None) -> None:
    world = build_live_world(TWENTY)
    owner = Owner(meeting=world.meetings[0])
    _rooms_of_four(owner, [a.pk for a in world.members])
    planned = actions.plan_breakout_rounds(owner, rounds=3, seed=1, time_limit=LIMIT)
    assert planned.repeats == 0 and len(planned.rounds) == 3
    everyone = sorted(a.pk for a in world.members)
    for r in planned.rounds:
        assert sorted(r.people) == everyone
        assert all(len(room) == 4 for room in r.rooms)
    assert _repeats(planned.rounds) == 0


def test_replanning_after_two_leave_keeps_held_rounds_and_adds_no_repeats(db: None) -> None:
    world = build_live_world(TWENTY)
    owner = Owner(meeting=world.meetings[0])
    _rooms_of_four(owner, [a.pk for a in world.members])
    first = actions.plan_breakout_rounds(owner, rounds=3, seed=2, time_limit=LIMIT)
    actions.mark_round_held(first.rounds[0])
    held = BreakoutRound.objects.get(breakouts__meeting=world.meetings[0], number=1)
    gone = {world.members[0].pk, world.members[5].pk}
    breakouts = actions.breakouts_of(owner)
    actions.set_room_rules(
        breakouts, size=(2, 4), present=[a.pk for a in world.members if a.pk not in gone]
    )
    again = actions.plan_breakout_rounds(owner, rounds=2, seed=3, time_limit=LIMIT)
    assert again.rounds[0].rooms == held.rooms and again.rounds[0].held_at is not None
    assert [r.number for r in again.rounds] == [1, 2, 3]
    for r in again.rounds[1:]:
        assert not gone & set(r.people) and len(r.people) == 18
    assert again.repeats == 0 and _repeats(again.rounds) == 0


def test_someone_joining_late_is_placed_in_the_next_rounds(db: None) -> None:
    world = build_live_world(TWENTY)
    owner = Owner(meeting=world.meetings[0])
    late = world.members[-1].pk
    _rooms_of_four(owner, [a.pk for a in world.members[:-1]])
    first = actions.plan_breakout_rounds(owner, rounds=1, seed=4, time_limit=LIMIT)
    assert late not in first.rounds[0].people
    actions.mark_round_held(first.rounds[0])
    _rooms_of_four(owner, [a.pk for a in world.members])
    again = actions.plan_breakout_rounds(owner, rounds=2, seed=5, time_limit=LIMIT)
    assert all(late in r.people for r in again.rounds[1:])
    assert _repeats(again.rounds) == 0


def test_earlier_meetings_of_the_group_count_as_history(db: None) -> None:
    world = build_live_world(TWENTY)
    before = Owner(meeting=world.meetings[0])
    _rooms_of_four(before, [a.pk for a in world.members])
    _rooms_of_four(Owner(meeting=world.meetings[1]), [a.pk for a in world.members])
    earlier = actions.plan_breakout_rounds(before, rounds=2, seed=6, time_limit=LIMIT)
    for r in earlier.rounds:
        actions.mark_round_held(r)
    history = actions.history_pairs(Owner(meeting=world.meetings[1]))
    assert set(history) == _pairs(earlier.rounds[0].rooms) | _pairs(earlier.rounds[1].rooms)
    today = actions.plan_breakout_rounds(Owner(meeting=world.meetings[1]), rounds=1, seed=7)
    met = set(history)
    assert not _pairs(today.rounds[0].rooms) & met


def test_keep_apart_facilitators_and_languages_are_respected(db: None) -> None:
    world = build_live_world(TWENTY)
    owner = Owner(meeting=world.meetings[0])
    a, b = world.members[0].pk, world.members[1].pk
    leads = [m.pk for m in world.members[2:6]]
    actions.set_room_rules(
        actions.breakouts_of(owner),
        size=(4, 5),
        present=[m.pk for m in world.members],
        facilitators=leads,
        keep_apart=[(a, b)],
    )
    planned = actions.plan_breakout_rounds(owner, rounds=3, seed=8, time_limit=LIMIT)
    for r in planned.rounds:
        for room in r.rooms:
            assert not {a, b} <= set(room)
            assert sum(1 for p in room if p in leads) == 1


def test_events_of_a_series_share_history_by_address(db: None) -> None:
    world = build_live_world(("Ett", "Två"))
    start = timezone.now() + dt.timedelta(days=1)
    series = []
    for k in range(2):
        event = events.create_event(
            world.organisation,
            by=world.leader,
            theme=f"Tema {k}",
            series="Vår 2027",
            starts_at=start + dt.timedelta(days=7 * k),
            ends_at=start + dt.timedelta(days=7 * k, hours=1),
        )
        for n in range(10):
            events.register(event, name=f"Gäst {n}", email=f"g{n}@example.org")
        actions.set_room_rules(actions.breakouts_of(Owner(event=event)), size=(2, 3), present=[])
        series.append(event)
    first = actions.plan_breakout_rounds(Owner(event=series[0]), rounds=1, seed=9)
    actions.mark_round_held(first.rounds[0])
    by_email_first = dict(series[0].registrations.values_list("pk", "email"))
    by_email_second = dict(series[1].registrations.values_list("email", "pk"))
    translated = _pairs(
        [[by_email_second[by_email_first[p]] for p in room] for room in first.rounds[0].rooms]
    )
    assert set(actions.history_pairs(Owner(event=series[1]))) == translated
    second = actions.plan_breakout_rounds(Owner(event=series[1]), rounds=1, seed=10)
    assert not _pairs(second.rounds[0].rooms) & translated


def test_the_planner_page_plans_and_gives_a_zoom_file_per_round(live_world: LiveWorld) -> None:
    client = Client()
    client.force_login(live_world.leader)
    meeting = live_world.meetings[0]
    url = reverse("live:meeting_rounds", kwargs={"slug": live_world.slug, "meeting_id": meeting.pk})
    present = [str(a.pk) for a in live_world.members]
    response = client.post(
        url, {"rounds": "2", "size_min": "2", "size_max": "4", "present": present}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Microsoft Teams" in page or "Teams" in page
    zoom = client.get(
        reverse(
            "live:meeting_round_zoom",
            kwargs={"slug": live_world.slug, "meeting_id": meeting.pk, "number": 2},
        )
    )
    rows = list(csv.reader(io.StringIO(zoom.content.decode())))
    assert rows[0] == ["Pre-assign Room Name", "Email Address"]
    assert sorted(r[1] for r in rows[1:]) == sorted(a.email for a in live_world.members)
    assert {r[0] for r in rows[1:]} <= {f"Runda 2 – Rum {k}" for k in range(1, 5)}
