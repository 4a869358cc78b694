"""The only ways to load what the live app shows; 404 for anyone who may not see it.

A meeting's live tools (talk time, polls, rounds) are run by the leaders of its
organisation; its polls are answered by the members its group was published to. An
event is run by the organisation's leaders; its public page is reached by its token, a
registration by the registrant's own token, a poll by its short code.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from natverk.accounts.access import get_led_organisation_for, membership_for
from natverk.accounts.models import Organisation, User
from natverk.live.models import Event, Poll, Registration, TalkRecord
from natverk.meetings.models import Meeting
from natverk.programs.access import get_program_for_leader
from natverk.programs.models import Application, Group, Placement


@dataclass(frozen=True)
class Owner:
    """What polls and breakout rounds belong to: a meeting or an event."""

    meeting: Meeting | None = None
    event: Event | None = None

    @property
    def organisation(self) -> Organisation:
        """The organisation that runs it."""
        if self.meeting is not None:
            return self.meeting.group.program.organisation
        assert self.event is not None
        return self.event.organisation

    @property
    def title(self) -> str:
        """A name for headings."""
        if self.meeting is not None:
            program = self.meeting.group.program
            return f"{program.title} · {self.meeting.group.number} · {self.meeting.number}"
        assert self.event is not None
        return self.event.theme

    def filter(self) -> dict[str, object]:
        """Lookup arguments for rows that belong to it (``meeting=`` or ``event=``)."""
        return {"meeting": self.meeting} if self.meeting is not None else {"event": self.event}


def _meeting(organisation: Organisation, meeting_id: int) -> Meeting:
    meeting = (
        Meeting.objects.select_related("group__program__organisation")
        .filter(
            pk=meeting_id,
            group__program__organisation=organisation,
            group__program__deleted_at__isnull=True,
        )
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def get_meeting_to_run(user: User | AnonymousUser, slug: str, meeting_id: int) -> Meeting:
    """A meeting the person may moderate (they lead its organisation), or 404."""
    membership = get_led_organisation_for(user, slug)
    return _meeting(membership.organisation, meeting_id)


def get_event_to_run(user: User | AnonymousUser, slug: str, event_id: int) -> Event:
    """An event of an organisation the person leads, or 404."""
    membership = get_led_organisation_for(user, slug)
    event = (
        Event.objects.select_related("organisation")
        .filter(pk=event_id, organisation=membership.organisation)
        .first()
    )
    if event is None:
        raise Http404
    return event


def get_owner_to_run(
    user: User | AnonymousUser,
    slug: str,
    *,
    meeting_id: int | None = None,
    event_id: int | None = None,
) -> Owner:
    """The meeting or event the person runs, or 404."""
    if meeting_id is not None:
        return Owner(meeting=get_meeting_to_run(user, slug, meeting_id))
    assert event_id is not None
    return Owner(event=get_event_to_run(user, slug, event_id))


def get_poll_to_run(user: User | AnonymousUser, slug: str, poll_id: int) -> Poll:
    """A poll of a meeting or event the person runs, or 404 (an event's evaluation
    questions too: their results are shown only over k answers, on the event's page)."""
    membership = get_led_organisation_for(user, slug)
    poll = (
        Poll.objects.select_related("meeting__group__program__organisation", "event__organisation")
        .filter(pk=poll_id, evaluation=False)
        .first()
    )
    if poll is None or owner_of(poll).organisation.pk != membership.organisation_id:
        raise Http404
    return poll


def owner_of(poll: Poll) -> Owner:
    """The meeting or event a poll belongs to."""
    return Owner(meeting=poll.meeting, event=poll.event)


def get_poll_by_code(code: str) -> Poll:
    """A poll that is not a draft, by its short code (any case), or 404 (evaluation
    questions are answered from the registrant's own evaluation page only)."""
    poll = (
        Poll.objects.select_related("meeting__group__program__organisation", "event__organisation")
        .filter(code=code.strip().upper()[:12], evaluation=False)
        .exclude(state=Poll.State.DRAFT)
        .first()
    )
    if poll is None:
        raise Http404
    return poll


def may_answer(user: User | AnonymousUser, poll: Poll) -> bool:
    """A meeting's poll is for the members told about its group and the organisation's
    leaders; an event's poll is for anyone with the link."""
    if poll.meeting is None:
        return True
    if not isinstance(user, User):
        return False
    organisation = poll.meeting.group.program.organisation
    try:
        membership = membership_for(user, organisation.slug)
    except Http404:
        return False
    if membership.leads:
        return True
    return Placement.objects.filter(
        group_id=poll.meeting.group_id,
        application__user=user,
        application__status=Application.Status.ACCEPTED,
    ).exists()


def get_open_event(token: str) -> Event:
    """An event whose public page is open (not cancelled), by its token, or 404."""
    event = (
        Event.objects.select_related("organisation")
        .filter(token=token, cancelled_at__isnull=True)
        .first()
    )
    if event is None:
        raise Http404
    return event


def get_registration(token: str) -> Registration:
    """A registration by its owner's personal token, or 404."""
    registration = (
        Registration.objects.select_related("event__organisation").filter(token=token).first()
    )
    if registration is None:
        raise Http404
    return registration


def get_talk_record(meeting: Meeting, record_id: int) -> TalkRecord:
    """A talk record of the meeting, or 404."""
    record = TalkRecord.objects.filter(pk=record_id, meeting=meeting).first()
    if record is None:
        raise Http404
    return record


def get_group_to_lead(
    user: User | AnonymousUser, slug: str, program_id: int, group_id: int
) -> Group:
    """A group of a program the person leads, or 404."""
    program = get_program_for_leader(user, slug, program_id)
    group = program.groups.filter(pk=group_id).first()
    if group is None:
        raise Http404
    return group
