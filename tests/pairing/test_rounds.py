"""Rounds: when they are due, what they write, and the introductions they send."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import combinations

import pytest
from django.core import mail

from natverk.jobs.registry import jobs
from natverk.outbox.actions import deliver_due
from natverk.outbox.models import Message
from natverk.pairing import actions, rounds
from natverk.pairing.models import Meetup, MeetupMember, PairingProgram, Participant, Round
from tests.pairing.conftest import TODAY, now_on

pytestmark = pytest.mark.django_db


def _pairs(round_: Round) -> set[tuple[int, int]]:
    found = set()
    for meetup in round_.meetups.prefetch_related("members"):
        ids = sorted(m.participant_id for m in meetup.members.all())
        found |= set(combinations(ids, 2))
    return found


def test_a_round_puts_everyone_in_one_meetup_and_queues_one_introduction_each(
    program: PairingProgram,
) -> None:
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None and made.number == 1 and made.people == 24
    seats = MeetupMember.objects.filter(meetup__round=made)
    assert sorted(seats.values_list("participant_id", flat=True)) == sorted(
        program.participants.values_list("pk", flat=True)
    )
    assert all(2 <= m.members.count() <= 3 for m in made.meetups.all())
    intros = Message.objects.filter(kind="natverk.pairing.introduction")
    assert intros.count() == 24
    assert {m.to for m in intros} == set(program.participants.values_list("email", flat=True))


def test_making_the_same_round_again_makes_nothing(program: PairingProgram) -> None:
    assert rounds.make_round(program.pk, TODAY) is not None
    assert rounds.make_round(program.pk, TODAY) is None
    assert Round.objects.count() == 1
    assert Message.objects.count() == 24


def test_the_introduction_names_the_others_with_a_starter_a_calendar_and_two_links(
    program: PairingProgram,
) -> None:
    Participant.objects.filter(program=program).update(language="en")
    danish = program.participants.order_by("pk").first()
    assert danish is not None
    Participant.objects.filter(pk=danish.pk).update(language="da")
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None
    deliver_due()
    sent = {m.to[0]: m for m in mail.outbox}
    seat = MeetupMember.objects.get(participant=danish, meetup__round=made)
    others = [m.participant for m in seat.meetup.members.exclude(pk=seat.pk)]
    body = sent[danish.email].body
    assert all(o.name in body and o.department in body for o in others)
    assert "Et spørgsmål at starte med" in body  # Danish
    assert "/pairing/checkin/" in body and "/pairing/me/" in body
    english = sent[others[0].email]
    assert "A question to start with" in english.body
    name, content, mimetype = english.attachments[0]
    text = content.decode() if isinstance(content, bytes) else content
    assert mimetype == "text/calendar" and "BEGIN:VEVENT" in text
    assert f"pairing-{seat.meetup.uid}" in text
    assert english.extra_headers["List-Unsubscribe"].startswith("<http")


def test_the_introduction_uses_the_natverk_profile_when_the_person_wrote_nothing(
    program: PairingProgram,
) -> None:
    from natverk.accounts.actions import update_profile
    from natverk.accounts.models import Profile, User

    person = program.participants.order_by("pk").first()
    assert person is not None
    user = User.objects.create_user(person.email, None, name=person.name)
    profile = Profile.objects.get_or_create(user=user)[0]
    update_profile(profile, profession="2432", bio="Kriskommunikation")
    Participant.objects.filter(program=program).update(user=None, role="", language="en")
    Participant.objects.filter(pk=person.pk).update(user=user)
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None
    seat = MeetupMember.objects.get(participant=person, meetup__round=made)
    other = seat.meetup.members.exclude(pk=seat.pk).first()
    assert other is not None
    body = Message.objects.get(to=other.participant.email).body
    assert "Public relations professionals" in body and "Can offer: Kriskommunikation" in body


def test_the_next_round_avoids_the_pairs_of_the_last_one(
    make_program: Callable[..., PairingProgram],
) -> None:
    program = make_program(40, across_departments=False)
    first = rounds.make_round(program.pk, TODAY)
    second = rounds.make_round(program.pk, program.after(TODAY))
    assert first is not None and second is not None
    assert _pairs(first).isdisjoint(_pairs(second))
    assert second.number == 2


def test_paused_left_and_skipping_people_are_not_paired_and_the_skip_is_used_once(
    program: PairingProgram,
) -> None:
    people = list(program.participants.order_by("pk"))
    actions.pause(people[0])
    actions.leave(people[1])
    actions.skip_next_round(people[2])
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None and made.people == 21
    placed = set(MeetupMember.objects.values_list("participant_id", flat=True))
    assert not placed & {people[0].pk, people[1].pk, people[2].pk}
    people[2].refresh_from_db()
    assert people[2].skip_next is False
    later = rounds.make_round(program.pk, program.after(TODAY))
    assert later is not None and later.people == 22


def test_chosen_departments_and_locations_limit_who_is_paired(
    make_program: Callable[..., PairingProgram],
) -> None:
    program = make_program(40, scope="locations", locations=["Stockholm"])
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None
    locations = set(
        MeetupMember.objects.filter(meetup__round=made).values_list(
            "participant__location", flat=True
        )
    )
    assert locations == {"Stockholm"}


def test_in_person_lunch_groups_meet_at_one_location(
    make_program: Callable[..., PairingProgram],
) -> None:
    program = make_program(60, size="lunch", format="in_person")
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None
    for meetup in made.meetups.prefetch_related("members__participant"):
        members = [m.participant for m in meetup.members.all()]
        assert 2 <= len(members) <= 4
        assert len({p.location for p in members}) == 1


def test_someone_alone_at_their_location_is_told_why_in_their_language(
    make_program: Callable[..., PairingProgram],
) -> None:
    program = make_program(30, size="lunch", format="in_person")
    alone, unknown = program.participants.order_by("pk")[:2]
    Participant.objects.filter(pk=alone.pk).update(location="Kiruna", language="da")
    Participant.objects.filter(pk=unknown.pk).update(location="", language="en")
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None and made.left_out == 2
    assert not MeetupMember.objects.filter(participant__in=[alone, unknown]).exists()
    danish = Message.objects.get(kind="natverk.pairing.left_out", to=alone.email)
    assert "Ingen andre på dit arbejdssted" in danish.body and "/pairing/me/" in danish.body
    english = Message.objects.get(kind="natverk.pairing.left_out", to=unknown.email)
    assert "your location is not known" in english.body
    assert Message.objects.filter(kind="natverk.pairing.introduction").count() == 28


def test_people_who_have_not_started_yet_wait_for_their_first_day(
    program: PairingProgram,
) -> None:
    later = program.participants.order_by("pk").first()
    assert later is not None
    Participant.objects.filter(pk=later.pk).update(start_date=TODAY + dt.timedelta(days=10))
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None
    assert not MeetupMember.objects.filter(participant=later).exists()


def test_rounds_fall_on_the_cadence_and_a_long_stop_gives_one_round_not_a_burst(
    program: PairingProgram,
) -> None:
    assert rounds.next_due(program, TODAY - dt.timedelta(days=1)) is None
    assert rounds.next_due(program, TODAY) == (TODAY, Round.Kind.REGULAR)
    rounds.make_round(program.pk, TODAY)
    assert rounds.next_due(program, TODAY + dt.timedelta(days=13)) is None
    assert rounds.next_due(program, TODAY + dt.timedelta(days=14)) == (
        TODAY + dt.timedelta(days=14),
        Round.Kind.REGULAR,
    )
    # Six weeks later (the worker was stopped): only the latest missed date.
    assert rounds.next_due(program, TODAY + dt.timedelta(days=45)) == (
        TODAY + dt.timedelta(days=42),
        Round.Kind.REGULAR,
    )


def test_monthly_rounds_keep_the_day_of_the_month() -> None:
    program = PairingProgram(cadence=PairingProgram.Cadence.MONTHLY)
    assert program.after(dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)
    assert program.after(dt.date(2027, 12, 15)) == dt.date(2028, 1, 15)


def _answer(round_: Round, answer: str, meetups: int) -> list[Participant]:
    people = []
    for meetup in round_.meetups.order_by("number")[:meetups]:
        first = meetup.members.order_by("pk").first()
        assert first is not None
        actions.check_in(first, answer)
        people += [m.participant for m in meetup.members.all()]
    return people


def test_people_whose_meetup_did_not_happen_get_a_catch_up_round_halfway(
    program: PairingProgram,
) -> None:
    Participant.objects.filter(program=program).update(language="en")
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None
    owed = _answer(made, MeetupMember.Answer.NOT_MET, meetups=2)  # two pairs (24 people)
    halfway = TODAY + dt.timedelta(days=7)
    assert rounds.next_due(program, halfway - dt.timedelta(days=1)) is None
    assert rounds.next_due(program, halfway) == (halfway, Round.Kind.CATCH_UP)
    catch_up = rounds.make_round(program.pk, halfway, kind=Round.Kind.CATCH_UP)
    assert catch_up is not None
    placed = set(
        MeetupMember.objects.filter(meetup__round=catch_up).values_list("participant_id", flat=True)
    )
    assert placed == {p.pk for p in owed}
    assert _pairs(catch_up).isdisjoint(_pairs(made))
    assert rounds.next_due(program, halfway) is None  # one catch-up per period
    latest = Message.objects.filter(kind="natverk.pairing.introduction", to=owed[0].email)
    assert "did not happen" in latest.order_by("-pk")[0].body


def test_no_catch_up_round_when_everyone_met(program: PairingProgram) -> None:
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None
    _answer(made, MeetupMember.Answer.MET, meetups=3)
    assert rounds.next_due(program, TODAY + dt.timedelta(days=7)) is None


def test_the_check_in_is_asked_once_some_way_into_the_round_of_those_without_an_answer(
    program: PairingProgram,
) -> None:
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None
    answered = _answer(made, MeetupMember.Answer.MET, meetups=1)
    assert rounds.ask_for_checkins(now_on(TODAY + dt.timedelta(days=3))) == 0
    asked = rounds.ask_for_checkins(now_on(TODAY + dt.timedelta(days=9)))
    assert asked == 24 - len(answered)
    assert rounds.ask_for_checkins(now_on(TODAY + dt.timedelta(days=10))) == 0
    reminders = Message.objects.filter(kind="natverk.pairing.checkin")
    assert reminders.count() == asked
    assert not reminders.filter(to__in=[p.email for p in answered]).exists()


def test_rounds_older_than_two_months_are_not_asked_about(program: PairingProgram) -> None:
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None
    assert rounds.ask_for_checkins(now_on(TODAY + dt.timedelta(days=70))) == 0
    assert not Message.objects.filter(kind="natverk.pairing.checkin").exists()


def test_the_periodic_job_makes_due_rounds(program: PairingProgram) -> None:
    assert "pairing.run_due_rounds" in {job.name for job in jobs()}
    assert rounds.run_due_rounds(now_on(TODAY)) == 1
    assert rounds.run_due_rounds(now_on(TODAY)) == 0
    PairingProgram.objects.filter(pk=program.pk).update(active=False)
    assert rounds.run_due_rounds(now_on(TODAY + dt.timedelta(days=14))) == 0


def test_meetups_get_suggested_times_on_working_days_after_the_round(
    program: PairingProgram,
) -> None:
    made = rounds.make_round(program.pk, dt.date(2027, 12, 22))
    assert made is not None
    days = {m.suggested_at.date() for m in Meetup.objects.filter(round=made)}
    assert all(d.weekday() < 5 for d in days)
    assert dt.date(2027, 12, 24) not in days and dt.date(2027, 12, 27) not in days
