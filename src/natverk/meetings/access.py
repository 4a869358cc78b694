"""The only ways to load meetings; 404 for anyone who may not see them.

A meeting is seen by the members its group was published to (``Placement``, accepted
applications only) and by the leaders of its organisation; the moderator's pages are
for the leaders only. Private notes are their author's alone, leaders included.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from natverk.accounts.access import membership_for
from natverk.accounts.models import User
from natverk.meetings.models import (
    AgendaTemplate,
    Meeting,
    ParkingQuestion,
    PrivateNote,
    ThemeProposal,
)
from natverk.programs.access import get_program_for_leader
from natverk.programs.models import Application, Group, Placement


@dataclass(frozen=True)
class MeetingAccess:
    """A meeting as one person may see it: do they lead, and (a member) their own place."""

    meeting: Meeting
    user: User
    leads: bool
    application: Application | None


def get_meeting_for_leader(
    user: User | AnonymousUser, slug: str, program_id: int, meeting_id: int
) -> Meeting:
    """A meeting of a program the person leads, or 404."""
    program = get_program_for_leader(user, slug, program_id)
    meeting = (
        Meeting.objects.select_related("group", "group__program")
        .filter(pk=meeting_id, group__program=program)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def get_group_for_leader(
    user: User | AnonymousUser, slug: str, program_id: int, group_id: int
) -> Group:
    """A live group of a program the person leads, or 404."""
    program = get_program_for_leader(user, slug, program_id)
    group = program.groups.filter(pk=group_id, dissolved_at__isnull=True).first()
    if group is None:
        raise Http404
    return group


def get_meeting_for_member(user: User | AnonymousUser, slug: str, meeting_id: int) -> MeetingAccess:
    """A meeting of a group the person was told they are in, or of a program they lead."""
    membership = membership_for(user, slug)
    assert isinstance(user, User)
    meeting = (
        Meeting.objects.select_related("group", "group__program", "group__program__organisation")
        .filter(
            pk=meeting_id,
            group__program__organisation=membership.organisation,
            group__program__deleted_at__isnull=True,
        )
        .first()
    )
    if meeting is None:
        raise Http404
    if membership.leads:
        return MeetingAccess(meeting, user, True, None)
    placement = (
        Placement.objects.select_related("application")
        .filter(
            group=meeting.group,
            application__user=user,
            application__status=Application.Status.ACCEPTED,
        )
        .first()
    )
    if placement is None:
        raise Http404
    return MeetingAccess(meeting, user, False, placement.application)


def get_meeting_for_moderator(
    user: User | AnonymousUser, slug: str, meeting_id: int
) -> MeetingAccess:
    """A meeting the person may run (they lead its program), or 404."""
    access = get_meeting_for_member(user, slug, meeting_id)
    if not access.leads:
        raise Http404
    return access


def get_question(access: MeetingAccess, question_id: int) -> ParkingQuestion:
    """A parked question of the meeting's group, or 404."""
    question = ParkingQuestion.objects.filter(pk=question_id, group=access.meeting.group).first()
    if question is None:
        raise Http404
    return question


def get_proposal(access: MeetingAccess, proposal_id: int) -> ThemeProposal:
    """A theme proposed for this meeting, or 404."""
    proposal = ThemeProposal.objects.filter(pk=proposal_id, meeting=access.meeting).first()
    if proposal is None:
        raise Http404
    return proposal


def get_private_note(user: User | AnonymousUser, slug: str, note_id: int) -> PrivateNote:
    """One's own private note of a meeting one may still see; anyone else gets 404."""
    note = PrivateNote.objects.filter(pk=note_id).first()
    if note is None or not isinstance(user, User) or note.author_id != user.pk:
        raise Http404
    get_meeting_for_member(user, slug, note.meeting_id)
    return note


def get_template_for_leader(
    user: User | AnonymousUser, slug: str, program_id: int, template_id: int
) -> AgendaTemplate:
    """An agenda template of a program the person leads, or 404."""
    program = get_program_for_leader(user, slug, program_id)
    template = program.agendas.filter(pk=template_id).first()
    if template is None:
        raise Http404
    return template
