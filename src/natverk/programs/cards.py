"""Profile cards of a group's members, with the contact details each chose to share."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from natverk.accounts.models import Profile
from natverk.programs.models import Application, Group, Participation
from natverk.taxonomy import UnknownCodeError, industry, occupation


def profession_label(code: str, lang: str) -> str:
    """An ISCO-08 code as words in ``lang`` (the code itself when unknown)."""
    try:
        return occupation(code).label(lang) if code else ""
    except UnknownCodeError:
        return code


def industry_label(code: str, lang: str) -> str:
    """A NACE code's section or division as words in ``lang``."""
    try:
        return industry(code[:2]).label(lang) if code else ""
    except UnknownCodeError:
        return code


def initials(name: str) -> str:
    """ "Anna Berg" -> "AB" (for the avatar when there is no photo)."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    return "".join(w[0].upper() for w in (words[:1] + words[1:][-1:])) or "?"


@dataclass(frozen=True)
class Card:
    """What the group sees of one member."""

    name: str
    initials: str
    profession: str
    industry: str
    employer: str
    bio: str
    offers: str
    hopes: str
    email: str
    phone: str
    linkedin: str
    state: str
    user_id: int | None


def member_cards(group: Group) -> list[Card]:
    """The card of everyone told they are in the group, in name order; contacts only
    where the member shares them."""
    lang = get_language() or "sv"
    places = list(
        group.placements.select_related("application__user").filter(
            application__status=Application.Status.ACCEPTED
        )
    )
    user_ids = [p.application.user_id for p in places if p.application.user_id]
    profiles = {p.user_id: p for p in Profile.objects.filter(user_id__in=user_ids)}
    participations = {
        p.application_id: p
        for p in Participation.objects.filter(application_id__in=[m.application_id for m in places])
    }
    cards = []
    for place in places:
        application = place.application
        profile = profiles.get(application.user_id or 0)
        shared = participations.get(application.pk) or Participation(application=application)
        user = application.user
        cards.append(
            Card(
                name=application.name,
                initials=initials(application.name),
                profession=profession_label(application.profession, lang),
                industry=industry_label(application.industry, lang),
                employer=application.employer,
                bio=profile.bio if profile else "",
                offers=application.offers,
                hopes=application.hopes,
                email=(user.email if user else application.email) if shared.share_email else "",
                phone=profile.phone if profile and shared.share_phone else "",
                linkedin=profile.linkedin_url if profile and shared.share_linkedin else "",
                state=shared.state,
                user_id=application.user_id,
            )
        )
    return sorted(cards, key=lambda c: c.name.lower())
