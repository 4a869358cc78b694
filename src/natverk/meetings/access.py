"""The only ways to load meetings; 404 for anyone who may not see them."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from natverk.accounts.models import User
from natverk.meetings.models import Meeting
from natverk.programs.access import get_program_for_leader


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
