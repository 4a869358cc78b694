"""Themes members propose for a meeting, their votes, and the leader's choice."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from natverk.accounts.models import User
from natverk.meetings.actions.series import set_theme
from natverk.meetings.errors import MeetingError
from natverk.meetings.models import Meeting, ThemeProposal, ThemeVote


def _open(meeting: Meeting) -> None:
    if meeting.cancelled_at is not None or meeting.opened_at is not None:
        raise MeetingError(_("Themes are proposed before the meeting starts."))


@transaction.atomic
def propose_theme(meeting: Meeting, author: User, text: str) -> ThemeProposal:
    """Propose a theme for a meeting (with one's own vote); the same text is one proposal."""
    _open(meeting)
    text = " ".join(text.split())
    proposal = ThemeProposal.objects.filter(meeting=meeting, text__iexact=text).first()
    if proposal is None:
        proposal = ThemeProposal(meeting=meeting, author=author, text=text)
        try:
            proposal.full_clean()
        except ValidationError as exc:
            raise MeetingError(" ".join(exc.messages)) from exc
        proposal.save()
    ThemeVote.objects.get_or_create(proposal=proposal, voter=author)
    return proposal


@transaction.atomic
def toggle_vote(proposal: ThemeProposal, voter: User) -> bool:
    """Vote for a proposed theme, or take the vote back; True when the vote stands."""
    _open(proposal.meeting)
    deleted, _rows = ThemeVote.objects.filter(proposal=proposal, voter=voter).delete()
    if deleted:
        return False
    ThemeVote.objects.create(proposal=proposal, voter=voter)
    return True


@transaction.atomic
def choose_theme(proposal: ThemeProposal) -> Meeting:
    """Make a proposed theme the meeting's theme (members get the update)."""
    return set_theme(proposal.meeting, proposal.text)
