"""Rounds of colleague pairing: when one is due, and making it in one transaction.

A round is made by :func:`make_round`: the people taking part are read, the engine
(:func:`natverk.matching.meetups.plan_meetups`) puts them into meetups with the
program's history, and the round, its meetups, their members and every introduction
e-mail (in the outbox) are written in ONE transaction. ``(program, due_on)`` and
``(program, number)`` are unique, so when two workers make the same round at once one
of them fails at the insert, its transaction is rolled back and it returns None; a
worker killed half-way leaves nothing (the transaction never committed). The e-mails
are sent by the outbox after the commit.
"""

from __future__ import annotations

import datetime as dt
import zlib

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from natverk.matching.meetups import Colleague, plan_meetups
from natverk.pairing import mails
from natverk.pairing.history import Past, past
from natverk.pairing.models import Meetup, MeetupMember, PairingProgram, Participant, Round
from natverk.schedule import is_closed

#: Days into a round (as a share of the cadence) before asking "did you meet?".
CHECKIN_AFTER = 0.6
#: Rounds older than this are not asked about any more (a late question helps nobody).
STALE = dt.timedelta(days=62)


def next_due(program: PairingProgram, today: dt.date) -> tuple[dt.date, str] | None:
    """The date and kind of the round due on ``today``, or None.

    A regular round falls one cadence after the last regular round (the first on
    ``first_round_on``); after a long stop the latest missed date is used, never a
    burst of rounds. Between two regular rounds of a fortnightly or monthly program, a
    catch-up round falls halfway when two or more people are owed a meeting.
    """
    last = program.rounds.filter(kind=Round.Kind.REGULAR).order_by("-due_on").first()
    due = program.first_round_on if last is None else program.after(last.due_on)
    if due <= today:
        while program.after(due) <= today:
            due = program.after(due)
        return due, Round.Kind.REGULAR
    if last is None or program.cadence == PairingProgram.Cadence.WEEKLY:
        return None
    halfway = last.due_on + (due - last.due_on) / 2
    if halfway > today or program.rounds.filter(due_on__gt=last.due_on).exists():
        return None
    if len(_owed(program, past(program))) < 2:
        return None
    return halfway, Round.Kind.CATCH_UP


def _in_scope(program: PairingProgram) -> Q:
    query = Q(status=Participant.Status.ACTIVE)
    if program.scope == PairingProgram.Scope.DEPARTMENTS:
        query &= Q(department__in=program.departments)
    if program.scope == PairingProgram.Scope.LOCATIONS:
        query &= Q(location__in=program.locations)
    return query


def _owed(program: PairingProgram, history: Past) -> set[int]:
    owed = history.owed()
    active = program.participants.filter(_in_scope(program), pk__in=owed)
    return set(active.values_list("pk", flat=True))


def _suggestions(program: PairingProgram, due_on: dt.date, count: int) -> list[dt.datetime]:
    """Suggested times: the program's time on the first four working days after the
    round, one meetup after another (so not everyone is at the coffee machine at once)."""
    days: list[dt.date] = []
    day = due_on
    while len(days) < 4:
        day += dt.timedelta(days=1)
        country = program.organisation.country
        if day.weekday() < 5 and not is_closed(day, country=country, skip_summer=False):
            days.append(day)
    zone = timezone.get_default_timezone()
    return [
        dt.datetime.combine(days[k % 4], program.meeting_time, tzinfo=zone) for k in range(count)
    ]


def _people(
    program: PairingProgram, due_on: dt.date, kind: str, history: Past
) -> list[Participant]:
    query = (
        program.participants.filter(_in_scope(program))
        .exclude(start_date__gt=due_on)
        .select_related("user__profile")  # the introductions use their profiles
    )
    if kind == Round.Kind.CATCH_UP:
        return list(query.filter(pk__in=history.owed(), skip_next=False).order_by("pk"))
    return list(query.filter(skip_next=False).order_by("pk"))


def _colleague(person: Participant, due_on: dt.date, owed: set[int]) -> Colleague:
    return Colleague(
        department=person.department,
        location=person.location,
        languages=person.language_codes,
        curious=frozenset(person.curious),
        newcomer=person.is_newcomer(due_on),
        owed=person.pk in owed,
    )


def _seed(program: PairingProgram, due_on: dt.date) -> int:
    """The same seed for the same round, whichever worker makes it."""
    return zlib.crc32(f"{program.pk}:{due_on.isoformat()}".encode())


def make_round(
    program_id: int, due_on: dt.date, *, kind: str = Round.Kind.REGULAR, introduce: bool = True
) -> Round | None:
    """Make the round of ``due_on`` with its meetups and introductions; None when it
    exists already (made before, or by another worker at this moment) or nobody can
    be paired. ``introduce=False`` records a round without e-mails (the demo's earlier
    rounds)."""
    try:
        with transaction.atomic():
            return _make(program_id, due_on, kind, introduce)
    except IntegrityError:
        return None  # another worker made this round first; ours is rolled back


def _made_already(program: PairingProgram, due_on: dt.date) -> bool:
    """Whether the round of ``due_on`` exists (as this transaction sees the database)."""
    return program.rounds.filter(due_on=due_on).exists()


def _make(program_id: int, due_on: dt.date, kind: str, introduce: bool) -> Round | None:
    program = PairingProgram.objects.select_related("organisation").get(pk=program_id)
    if _made_already(program, due_on):
        return None
    history = past(program)
    people = _people(program, due_on, kind, history)
    if len(people) < 2:
        return None
    index = {p.pk: k for k, p in enumerate(people)}
    owed = history.owed()
    seed = _seed(program, due_on)
    plan = plan_meetups(
        [_colleague(p, due_on, owed) for p in people],
        rules=program.rules(),
        history=history.costs(index),
        seed=seed,
    )
    number = (program.rounds.aggregate(n=Max("number"))["n"] or 0) + 1
    round_ = Round(
        program=program,
        number=number,
        kind=kind,
        due_on=due_on,
        seed=seed,
        people=len(people),
        left_out=len(plan.left_out),
    )
    round_.full_clean(validate_unique=False, validate_constraints=False)
    round_.save()  # the unique (program, due_on) and (program, number) decide any race
    made = _write_meetups(program, round_, plan.meetups, people)
    if kind == Round.Kind.REGULAR:
        program.participants.filter(skip_next=True).update(skip_next=False)
    if introduce:
        mails.introductions(round_, made)
        mails.left_out(round_, [(people[k], why) for k, why in plan.left_out.items()])
    return round_


def _write_meetups(
    program: PairingProgram, round_: Round, groups: list[list[int]], people: list[Participant]
) -> list[tuple[Meetup, list[MeetupMember]]]:
    times = _suggestions(program, round_.due_on, len(groups))
    meetups = [
        Meetup(round=round_, number=k + 1, suggested_at=times[k]) for k in range(len(groups))
    ]
    for meetup in meetups:
        meetup.full_clean(validate_unique=False, validate_constraints=False, exclude=["round"])
    Meetup.objects.bulk_create(meetups)
    members = [
        [
            MeetupMember(meetup=meetup, participant=people[p], department=people[p].department)
            for p in group
        ]
        for meetup, group in zip(meetups, groups, strict=True)
    ]
    MeetupMember.objects.bulk_create([m for group in members for m in group])
    for meetup, group in zip(meetups, members, strict=True):
        meetup.round = round_
        for member in group:
            member.participant.program = program
    return list(zip(meetups, members, strict=True))


def ask_for_checkins(now: dt.datetime) -> int:
    """Ask members who have not answered whether they met, once per round, some way
    into the round (60 % of the cadence; never about rounds older than two months);
    returns how many were asked."""
    asked = 0
    recent = timezone.localdate(now) - STALE
    waiting = Round.objects.filter(checkins_sent_at__isnull=True, due_on__gte=recent)
    for round_ in waiting.select_related("program"):
        program = round_.program
        wait = (program.after(round_.due_on) - round_.due_on) * CHECKIN_AFTER
        if timezone.localdate(now) < round_.due_on + wait:
            continue
        with transaction.atomic():
            claimed = Round.objects.filter(pk=round_.pk, checkins_sent_at__isnull=True).update(
                checkins_sent_at=now
            )
            if claimed:
                asked += _ask(round_)
    return asked


def _ask(round_: Round) -> int:
    meetups = Meetup.objects.filter(round=round_).prefetch_related(
        "members__participant__program__organisation"
    )
    asked = 0
    for meetup in meetups:
        members = list(meetup.members.all())
        if any(m.answer for m in members):
            continue  # someone answered for the meetup already
        people = [m.participant for m in members]
        for member in members:
            if member.participant.status in (Participant.Status.ACTIVE, Participant.Status.PAUSED):
                mails.checkin(member, people)
                asked += 1
    return asked


def run_due_rounds(now: dt.datetime | None = None) -> int:
    """The periodic job: make every round that is due, then ask for check-ins."""
    moment = now or timezone.now()
    today = timezone.localdate(moment)
    made = 0
    for program in PairingProgram.objects.filter(active=True).select_related("organisation"):
        due = next_due(program, today)
        if due is not None and make_round(program.pk, due[0], kind=due[1]) is not None:
            made += 1
    ask_for_checkins(moment)
    return made
