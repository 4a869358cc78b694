"""A few contacts for the demo member (``make demo``): some to triage, one due, one
overdue, and someone the member has only taken from lately. Loading twice adds nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from natverk.accounts.models import User
from natverk.contacts import actions
from natverk.contacts.models import Contact, Interaction
from natverk.formats.contacts_base import ContactRecord

_ALMEDALEN = "Almedalen 2026"

# name, title, company, how we met, (status, days to follow-up, strength, next step)
_PEOPLE: tuple[tuple[str, str, str, str, tuple[str, int | None, int, str]], ...] = (
    (
        "Karin Lindgren",
        "Kommunikationschef",
        "Region Stockholm",
        _ALMEDALEN,
        ("develop", 3, 2, "Skicka rapporten från krisövningen"),
    ),
    (
        "Jonas Ek",
        "Pressansvarig",
        "Ellevio",
        "Nätverksträff i Uppsala",
        ("keep_warm", -2, 2, "Fråga hur omorganisationen gick"),
    ),
    (
        "Mette Hansen",
        "Kommunikationsrådgiver",
        "Ørsted",
        "Nordisk energikonferens",
        ("keep_warm", 10, 1, ""),
    ),
    ("Peter Nilsson", "Informatör", "Skanska", "Tidigare kollega", ("wind_down", None, 1, "")),
    ("Sara Al-Khalil", "UX-skribent", "Klarna", _ALMEDALEN, ("new", None, 0, "")),
    ("Ola Persson", "HR-partner", "Telia Company", _ALMEDALEN, ("new", None, 0, "")),
    ("Lina Berg", "Content lead", "IKEA", "Frukostseminarium om AI", ("new", None, 0, "")),
)


def _email(name: str) -> str:
    return name.lower().replace(" ", ".").replace("ø", "o") + "@example.se"


def _log(karin: Contact, mette: Contact, today: dt.date) -> None:
    actions.log_interaction(
        karin, kind=Interaction.Kind.MET, on=today - dt.timedelta(days=60), note=_ALMEDALEN
    )
    actions.log_interaction(
        karin,
        kind=Interaction.Kind.HELPED,
        flow=Interaction.Flow.GAVE,
        on=today - dt.timedelta(days=12),
        note="Läste och kommenterade deras kriskommunikationsplan",
    )
    actions.log_interaction(
        mette,
        kind=Interaction.Kind.ASKED,
        flow=Interaction.Flow.GOT,
        on=today - dt.timedelta(days=20),
        note="Tips om danska pressbyråer",
    )


@transaction.atomic
def load_demo_contacts(member: User, today: dt.date | None = None) -> int:
    """Give the demo member a handful of contacts with a log; returns how many were new."""
    if Contact.objects.filter(owner=member).exists():
        return 0
    today = today or timezone.localdate()
    created = {
        name: actions.create_contact(
            member,
            ContactRecord(
                name=name,
                emails=(_email(name),),
                company=company,
                title=title,
                how_we_met=met,
                met_on=today - dt.timedelta(days=60),
                tags=("Almedalen",) if met == _ALMEDALEN else (),
            ),
        )
        for name, title, company, met, _plan in _PEOPLE
    }
    _log(created["Karin Lindgren"], created["Mette Hansen"], today)
    for name, _title, _company, _met, (status, days, strength, step) in _PEOPLE:
        if status == Contact.Status.NEW:
            continue
        contact = actions.triage_contact(created[name], status, today=today, next_step=step)
        actions.plan_follow_up(
            contact,
            cadence_days=contact.cadence_days,
            next_follow_up=today + dt.timedelta(days=days) if days is not None else None,
            strength=strength,
            next_step=step,
        )
    return len(_PEOPLE)
