"""The only ways to load pairing programs and what hangs under them; 404 for anyone else.

Programs are run by the organisation's administrators (HR). People in a program reach
their own page and check-ins through signed links (:mod:`natverk.pairing.tokens`), never
by guessing a number.
"""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from natverk.accounts.access import membership_for
from natverk.accounts.models import Membership, Role, User
from natverk.pairing import tokens
from natverk.pairing.models import MeetupMember, PairingProgram, Participant, Round


def get_admin_membership(user: User | AnonymousUser, slug: str) -> Membership:
    """The membership of an administrator of the organisation, or 404."""
    membership = membership_for(user, slug)
    if membership.role != Role.ADMIN:
        raise Http404
    return membership


def get_program_for_admin(user: User | AnonymousUser, slug: str, pairing_id: int) -> PairingProgram:
    """A pairing program of an organisation the person administers, or 404."""
    membership = get_admin_membership(user, slug)
    program = (
        PairingProgram.objects.select_related("organisation")
        .filter(pk=pairing_id, organisation=membership.organisation)
        .first()
    )
    if program is None:
        raise Http404
    return program


def get_round_for_admin(
    user: User | AnonymousUser, slug: str, pairing_id: int, round_number: int
) -> Round:
    """A round of a program the person administers, or 404."""
    program = get_program_for_admin(user, slug, pairing_id)
    found = program.rounds.filter(number=round_number).first()
    if found is None:
        raise Http404
    found.program = program
    return found


def get_program_to_join(join_token: uuid.UUID | str) -> PairingProgram:
    """A program open to join by its link, or 404."""
    program = (
        PairingProgram.objects.select_related("organisation")
        .filter(join_token=join_token, active=True)
        .first()
    )
    if program is None:
        raise Http404
    return program


def participant_by_token(token: str, *, any_age: bool = False) -> Participant:
    """The person a participant link was made for (``any_age``: also from an expired
    link, only to mail them a fresh one).

    Raises TokenExpiredError, or TokenInvalidError also when the person is gone.
    """
    read = tokens.read_expired if any_age else tokens.read
    found = read(tokens.PARTICIPANT, token)
    person = (
        Participant.objects.select_related("program", "program__organisation")
        .filter(pk=found.key, program_id=found.program_id)
        .first()
    )
    if person is None:
        raise tokens.TokenInvalidError
    return person


def member_by_token(token: str) -> MeetupMember:
    """The meetup seat a check-in link was made for (TokenExpiredError, TokenInvalidError)."""
    found = tokens.read(tokens.CHECKIN, token)
    member = (
        MeetupMember.objects.select_related("participant", "meetup__round__program__organisation")
        .filter(pk=found.key, meetup__round__program_id=found.program_id)
        .first()
    )
    if member is None:
        raise tokens.TokenInvalidError
    return member
