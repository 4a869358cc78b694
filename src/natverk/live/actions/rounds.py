"""Breakout rounds in the browser: plan rounds for the people present with
``natverk.matching.rounds.plan_rounds``, re-plan when people join or leave (rounds
already held stay as they were), and mark rounds as held.

History: pairs who shared a room in a held round of an earlier meeting of the same group
(or an earlier event of the same series, people matched by e-mail) are kept apart first.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from numpy.typing import NDArray

from natverk.live.access import Owner
from natverk.live.actions import LiveError
from natverk.live.models import BreakoutRound, Breakouts, Registration
from natverk.live.people import people_of, present_of
from natverk.matching.rounds import RoomPlanError, RoundsPlan, count_repeats, plan_rounds

#: Seconds the web planner searches at most (it stops sooner at a plan with no repeat and
#: no earlier pair; bench/rounds_live.py: 60 people re-planned within a second).
TIME_LIMIT = 0.8
#: Cost of a pair who met in an earlier meeting meeting again (a repeat within today's
#: plan costs 1000 in the planner): well above a tie-break, so people meet new people.
HISTORY_WEIGHT = 100.0
#: The search gets a quarter of its time first; only a plan with a repeat (or a pair who
#: met before) gets the rest. With history the planner searches to its time limit, and
#: most plans are perfect in far less.
BUDGET = (0.25, 0.75)
MAX_ROUNDS = 12


def breakouts_of(owner: Owner) -> Breakouts:
    """The breakout settings of a meeting or an event (made on first use)."""
    breakouts, _created = Breakouts.objects.get_or_create(**owner.filter())  # type: ignore[arg-type]
    return breakouts


def set_room_rules(
    breakouts: Breakouts,
    *,
    size: tuple[int, int],
    present: Iterable[int],
    facilitators: Iterable[int] = (),
    keep_apart: Iterable[tuple[int, int]] = (),
) -> Breakouts:
    """Save room sizes, who is present, who facilitates and who is kept apart."""
    breakouts.size_min, breakouts.size_max = size
    breakouts.present = sorted(set(present))
    breakouts.facilitators = sorted(set(facilitators))
    breakouts.keep_apart = sorted({(min(a, b), max(a, b)) for a, b in keep_apart if a != b})
    breakouts.full_clean()
    breakouts.save(update_fields=["size_min", "size_max", "present", "facilitators", "keep_apart"])
    return breakouts


def history_pairs(owner: Owner) -> Counter[tuple[int, int]]:
    """How often each pair of today's keys shared a room in held rounds before today."""
    pairs: Counter[tuple[int, int]] = Counter()
    if owner.meeting is not None:
        rounds = BreakoutRound.objects.filter(
            held_at__isnull=False, breakouts__meeting__group_id=owner.meeting.group_id
        ).exclude(breakouts__meeting=owner.meeting)
        translate = None
    else:
        assert owner.event is not None
        if not owner.event.series:
            return pairs
        rounds = BreakoutRound.objects.filter(
            held_at__isnull=False,
            breakouts__event__organisation_id=owner.event.organisation_id,
            breakouts__event__series=owner.event.series,
        ).exclude(breakouts__event=owner.event)
        translate = _same_people_today(owner.event.pk, rounds)
    for held in rounds:
        for room in held.rooms:
            keys = [translate.get(k) if translate is not None else k for k in room]
            present = sorted(k for k in keys if k is not None)
            for x, a in enumerate(present):
                for b in present[x + 1 :]:
                    pairs[(a, b)] += 1
    return pairs


def _same_people_today(event_id: int, rounds: Iterable[BreakoutRound]) -> dict[int, int]:
    """Earlier events' registration ids -> today's registration id of the same address."""
    earlier = {k for r in rounds for room in r.rooms for k in room}
    emails = dict(Registration.objects.filter(pk__in=earlier).values_list("pk", "email"))
    today = dict(
        Registration.objects.filter(event_id=event_id, email__in=set(emails.values())).values_list(
            "email", "pk"
        )
    )
    return {old: today[email] for old, email in emails.items() if email in today}


@dataclass(frozen=True)
class Planned:
    """The outcome of planning: every round, new repeats, and the time it took."""

    rounds: list[BreakoutRound]
    repeats: int
    seconds: float


def plan_breakout_rounds(
    owner: Owner,
    *,
    rounds: int,
    seed: int | None = None,
    time_limit: float = TIME_LIMIT,
) -> Planned:
    """Plan ``rounds`` rounds after those held, for the people present now.

    Rounds not yet held are replaced; held rounds stay exactly as they were and count
    as history, so the new rounds add as few repeated pairs as possible.
    """
    if not 1 <= rounds <= MAX_ROUNDS:
        raise LiveError(_("Plan between 1 and %(n)s rounds.") % {"n": MAX_ROUNDS})
    started = time.perf_counter()
    breakouts = breakouts_of(owner)
    people = people_of(owner)
    here = present_of(owner)
    held = list(breakouts.rounds.filter(held_at__isnull=False).order_by("number"))
    keys = sorted({p.key for p in here} | {k for r in held for k in r.people})
    index = {k: i for i, k in enumerate(keys)}
    by_key = {p.key: p for p in people}
    weights = np.zeros((len(keys), len(keys)))
    for (a, b), times in history_pairs(owner).items():
        if a in index and b in index:
            weights[index[a], index[b]] = weights[index[b], index[a]] = HISTORY_WEIGHT * times
    held_idx = [[[index[k] for k in room] for room in r.rooms] for r in held]

    def attempt(seconds: float) -> RoundsPlan:
        try:
            return plan_rounds(
                len(keys),
                rounds,
                (breakouts.size_min, breakouts.size_max),
                history=weights,
                keep_apart=[
                    (index[a], index[b])
                    for a, b in breakouts.keep_apart
                    if a in index and b in index
                ],
                facilitators=[index[k] for k in breakouts.facilitators if k in index],
                languages=[by_key[k].languages if k in by_key else frozenset() for k in keys],
                held=held_idx,
                present=[[index[p.key] for p in here]] * rounds,
                seed=seed,
                time_limit=seconds,
            )
        except RoomPlanError as exc:
            raise LiveError(_("The rooms cannot be planned: %(why)s") % {"why": exc}) from None

    plan, cost = None, math.inf
    for share in BUDGET:
        candidate = attempt(time_limit * share)
        candidate_cost = _cost(held_idx, candidate.rounds[len(held) :], weights)
        if candidate_cost < cost:
            plan, cost = candidate, candidate_cost
        if cost == 0:
            break  # nobody meets anyone again, today or from before: no need to search on
    assert plan is not None
    new_rounds = plan.rounds[len(held) :]
    before = count_repeats(held_idx, len(keys))
    with transaction.atomic():
        breakouts.rounds.filter(held_at__isnull=True).delete()
        created = [
            BreakoutRound.objects.create(
                breakouts=breakouts,
                number=len(held) + q + 1,
                rooms=[[keys[i] for i in room] for room in rooms_],
            )
            for q, rooms_ in enumerate(new_rounds)
        ]
    return Planned(held + created, plan.repeats - before, time.perf_counter() - started)


def _cost(
    held: Sequence[Sequence[Sequence[int]]],
    new: Sequence[Sequence[Sequence[int]]],
    history: NDArray[np.float64],
) -> float:
    """What the new rounds add: 1000 per pair meeting again today, the history weight
    per pair who met in an earlier meeting."""
    seen = {(min(a, b), max(a, b)) for rooms in held for room in rooms for a, b in _pairs(room)}
    cost = 0.0
    for rooms in new:
        for room in rooms:
            for a, b in _pairs(room):
                pair = (min(a, b), max(a, b))
                cost += 1000.0 if pair in seen else float(history[a, b])
                seen.add(pair)
    return cost


def _pairs(room: Sequence[int]) -> list[tuple[int, int]]:
    return [(a, b) for x, a in enumerate(room) for b in room[x + 1 :]]


def mark_round_held(round_: BreakoutRound) -> BreakoutRound:
    """The round was held: it is kept as it is from now on (earlier rounds too)."""
    now = timezone.now()
    BreakoutRound.objects.filter(
        breakouts_id=round_.breakouts_id, number__lte=round_.number, held_at__isnull=True
    ).update(held_at=now)
    round_.refresh_from_db()
    return round_


def forget_rounds(breakouts: Breakouts) -> None:
    """Drop the rounds not yet held."""
    breakouts.rounds.filter(held_at__isnull=True).delete()
