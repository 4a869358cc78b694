"""Tending: triage decisions and their rhythm, the log moving follow-ups on, snooze,
who is due, and give and take."""

from __future__ import annotations

import datetime as dt

import pytest

from natverk.accounts.models import User
from natverk.contacts import actions, queries
from natverk.contacts.models import Contact, Interaction
from natverk.formats.contacts_base import ContactRecord

pytestmark = pytest.mark.django_db
TODAY = dt.date(2027, 3, 1)


def person(owner: User, name: str, **fields: object) -> Contact:
    return actions.create_contact(owner, ContactRecord(name=name, **fields))  # type: ignore[arg-type]


def test_each_triage_decision_sets_its_own_rhythm(owner: User) -> None:
    develop = actions.triage_contact(
        person(owner, "A"), "develop", today=TODAY, next_step="Skicka rapporten"
    )
    warm = actions.triage_contact(person(owner, "B"), "keep_warm", today=TODAY)
    down = actions.triage_contact(
        person(owner, "C"), "wind_down", today=TODAY, reason="Bytt bransch"
    )
    later = actions.triage_contact(person(owner, "D"), "not_now", today=TODAY)
    assert (develop.next_follow_up, develop.cadence_days) == (TODAY + dt.timedelta(14), 30)
    assert (warm.next_follow_up, warm.cadence_days) == (TODAY + dt.timedelta(90), 90)
    assert (down.next_follow_up, down.cadence_days, down.reason) == (None, None, "Bytt bransch")
    assert (later.next_follow_up, later.cadence_days) == (TODAY + dt.timedelta(90), None)
    assert develop.next_step == "Skicka rapporten"
    assert list(queries.triage_queue(owner)) == []


def test_a_chosen_follow_up_date_wins_over_the_rhythm(owner: User) -> None:
    chosen = TODAY + dt.timedelta(days=7)
    contact = actions.triage_contact(
        person(owner, "A"), "keep_warm", today=TODAY, follow_up_on=chosen
    )
    assert contact.next_follow_up == chosen
    assert list(queries.upcoming_contacts(owner, TODAY)) == [contact]


def test_being_in_touch_moves_the_next_follow_up_on_by_the_cadence(owner: User) -> None:
    contact = actions.triage_contact(person(owner, "A"), "keep_warm", today=TODAY)
    actions.log_interaction(
        contact, kind=Interaction.Kind.COFFEE, on=TODAY + dt.timedelta(days=100)
    )
    contact.refresh_from_db()
    assert contact.last_contact_on == TODAY + dt.timedelta(days=100)
    assert contact.next_follow_up == TODAY + dt.timedelta(days=190)


def test_due_upcoming_and_snooze(owner: User) -> None:
    overdue = actions.triage_contact(
        person(owner, "Overdue"), "develop", today=TODAY - dt.timedelta(30)
    )
    soon = actions.triage_contact(
        person(owner, "Soon"), "keep_warm", today=TODAY, follow_up_on=TODAY + dt.timedelta(5)
    )
    assert list(queries.due_contacts(owner, TODAY)) == [overdue]
    assert list(queries.upcoming_contacts(owner, TODAY)) == [soon]
    actions.snooze_contact(overdue, 30, today=TODAY)
    assert list(queries.due_contacts(owner, TODAY)) == []
    with pytest.raises(actions.ContactError):
        actions.snooze_contact(overdue, 0, today=TODAY)


def test_give_and_take_balance_and_people_i_only_took_from_lately(owner: User) -> None:
    mentor = person(owner, "Mentor")
    friend = person(owner, "Friend")
    old = person(owner, "Old")
    actions.log_interaction(mentor, kind="asked", flow="got", on=TODAY - dt.timedelta(10))
    actions.log_interaction(mentor, kind="asked", flow="got", on=TODAY - dt.timedelta(40))
    actions.log_interaction(friend, kind="helped", flow="got", on=TODAY - dt.timedelta(10))
    actions.log_interaction(friend, kind="helped", flow="gave", on=TODAY - dt.timedelta(5))
    actions.log_interaction(old, kind="helped", flow="got", on=TODAY - dt.timedelta(200))
    taken = list(queries.only_taken_lately(owner, TODAY))
    assert [c.name for c in taken] == ["Mentor"] and taken[0].got_lately == 2
    balances = {c.name: (c.gave, c.got, c.balance) for c in queries.balances(owner)}
    assert balances == {"Mentor": (0, 2, -2), "Friend": (1, 1, 0), "Old": (0, 1, -1)}
    assert queries.balance_of(friend) == (1, 1)


def test_removing_a_mistaken_log_entry_recomputes_the_last_contact(owner: User) -> None:
    contact = person(owner, "A")
    first = actions.log_interaction(contact, kind="call", on=TODAY)
    wrong = actions.log_interaction(contact, kind="call", on=TODAY + dt.timedelta(3))
    actions.delete_interaction(wrong)
    contact.refresh_from_db()
    assert contact.last_contact_on == first.on


def test_merging_two_contacts_keeps_the_first_and_moves_log_and_tags(owner: User) -> None:
    keep = person(owner, "Anna Berg", emails=("anna@example.se",))
    other = person(owner, "Anna B", phones=("0701234567",), tags=("mentor",), company="IKEA")
    actions.log_interaction(other, kind="met", on=TODAY)
    actions.merge_contacts(keep, other)
    keep.refresh_from_db()
    assert (keep.name, keep.company, keep.phones) == ("Anna Berg", "IKEA", ["0701234567"])
    assert [t.name for t in keep.tags.all()] == ["mentor"]
    assert keep.interactions.count() == 1
    assert not Contact.objects.filter(pk=other.pk).exists()


def test_filters_search_status_strength_company_tag_and_due(owner: User) -> None:
    a = person(
        owner, "Åsa Öberg", company="Vattenfall AB", tags=("mentor",), emails=("asa@example.se",)
    )
    b = person(owner, "Bo Ek", company="IKEA")
    actions.triage_contact(a, "develop", today=TODAY)
    actions.plan_follow_up(b, cadence_days=None, next_follow_up=TODAY, strength=3, next_step="")

    def names(**filters: str) -> list[str]:
        found = queries.filtered_contacts(owner, queries.Filters(**filters), TODAY)
        return [c.name for c in found]

    assert names(q="öberg") == ["Åsa Öberg"]
    assert names(q="ASA@EXAMPLE") == ["Åsa Öberg"]
    assert names(status="develop") == ["Åsa Öberg"]
    assert names(strength="3") == ["Bo Ek"]
    assert names(company="vattenfall") == ["Åsa Öberg"]
    assert names(tag="Mentor") == ["Åsa Öberg"]
    assert names(due="now") == ["Bo Ek"]
    assert names(due="week") == ["Bo Ek"]


def test_a_follow_up_planned_for_later_stays_when_we_are_in_touch_earlier(owner: User) -> None:
    contact = actions.triage_contact(person(owner, "A"), "develop", today=TODAY)
    planned = contact.next_follow_up
    actions.log_interaction(contact, kind=Interaction.Kind.COFFEE, on=TODAY)
    contact.refresh_from_db()
    assert contact.next_follow_up == planned and contact.last_contact_on == TODAY
