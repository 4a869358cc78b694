"""Themes: members propose and vote, the leader chooses; the theme reaches the agenda."""

from __future__ import annotations

import pytest
from django.test import Client

from natverk.accounts.demo import DemoWorld
from natverk.meetings.actions import MeetingError
from natverk.meetings.actions.run import open_meeting
from natverk.meetings.actions.themes import choose_theme, propose_theme, toggle_vote
from natverk.meetings.demo import DemoMeetings
from natverk.meetings.models import Meeting, ThemeVote
from natverk.programs.models import Application
from tests.meetings.conftest import logged_in, url


def test_the_same_theme_proposed_twice_is_one_proposal_with_two_votes(
    meetings: DemoMeetings, demo: DemoWorld, others: list[Application]
) -> None:
    assert others[0].user is not None
    first = propose_theme(meetings.next, demo.member, "Hållbar kommunikation")
    second = propose_theme(meetings.next, others[0].user, "hållbar  kommunikation")
    assert first == second
    assert ThemeVote.objects.filter(proposal=first).count() == 2


def test_a_vote_is_taken_back_with_a_second_tap(meetings: DemoMeetings, demo: DemoWorld) -> None:
    proposal = propose_theme(meetings.next, demo.leader, "Mätning")
    assert toggle_vote(proposal, demo.member) is True
    assert toggle_vote(proposal, demo.member) is False
    assert not ThemeVote.objects.filter(proposal=proposal, voter=demo.member).exists()


def test_the_chosen_theme_is_the_meetings_theme_and_in_its_agenda(
    client: Client, meetings: DemoMeetings, demo: DemoWorld
) -> None:
    proposal = propose_theme(meetings.next, demo.member, "Förändringsledning")
    choose_theme(proposal)
    assert Meeting.objects.get(pk=meetings.next.pk).theme == "Förändringsledning"
    page = logged_in(client, demo.member).get(url("meeting", meetings.next)).content.decode()
    assert "Tema: Förändringsledning" in page


def test_no_proposals_once_the_meeting_has_started(meetings: DemoMeetings, demo: DemoWorld) -> None:
    open_meeting(Meeting.objects.get(pk=meetings.next.pk))
    with pytest.raises(MeetingError):
        propose_theme(Meeting.objects.get(pk=meetings.next.pk), demo.member, "För sent")


def test_members_vote_on_the_page_and_see_the_count(
    client: Client, meetings: DemoMeetings, demo: DemoWorld
) -> None:
    following = meetings.group.meetings.get(number=meetings.next.number + 1)
    proposal = propose_theme(following, demo.leader, "Att mäta effekt av kommunikation")
    logged_in(client, demo.member)
    client.post(url("vote", following, proposal_id=proposal.pk))
    assert proposal.votes.count() == 2
    page = client.get(url("meeting", following)).content.decode()
    assert "2 röster" in page and "Ta tillbaka min röst" in page
