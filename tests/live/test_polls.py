"""Polls: one vote per person, anonymous by default (a salted hash, forgotten at close),
live results, and who may answer a meeting's poll."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from natverk.live.access import Owner
from natverk.live.actions import LiveError
from natverk.live.actions import polls as actions
from natverk.live.models import Poll, Vote
from tests.live.conftest import LiveWorld


def _poll(world: LiveWorld, kind: str = "single", **kwargs: object) -> Poll:
    options = ["Kaffe", "Te", "Vatten"] if kind in ("single", "multi") else []
    poll = actions.create_poll(
        Owner(meeting=world.meetings[0]),
        question="Vad dricker du?",
        kind=kind,
        options=options,
        **kwargs,  # type: ignore[arg-type]
    )
    return actions.open_poll(poll)


def test_a_person_votes_once_and_the_vote_keeps_no_name(live_world: LiveWorld) -> None:
    poll = _poll(live_world)
    vote = actions.cast_vote(poll, "u:7", ["1"], user=live_world.members[0].user)
    assert vote.user is None and vote.voter != "u:7" and len(vote.voter) == 64
    with pytest.raises(LiveError):
        actions.cast_vote(poll, "u:7", ["2"], user=None)
    assert actions.has_voted(poll, "u:7") and not actions.has_voted(poll, "u:8")
    assert [b.count for b in actions.results(poll).bars] == [0, 1, 0]


def test_closing_forgets_the_salt_so_no_vote_can_be_traced(live_world: LiveWorld) -> None:
    poll = _poll(live_world)
    actions.cast_vote(poll, "u:7", ["0"], user=None)
    hashed = Vote.objects.get(poll=poll).voter
    actions.close_poll(poll)
    poll.refresh_from_db()
    assert poll.salt == "" and actions.voter_hash(poll, "u:7") != hashed
    with pytest.raises(LiveError):
        actions.cast_vote(poll, "u:8", ["0"], user=None)
    with pytest.raises(LiveError):
        actions.open_poll(poll)


def test_the_same_person_gets_a_different_hash_in_each_poll(live_world: LiveWorld) -> None:
    first, second = _poll(live_world), _poll(live_world)
    assert actions.voter_hash(first, "u:1") != actions.voter_hash(second, "u:1")


def test_named_polls_keep_who_answered(live_world: LiveWorld) -> None:
    poll = _poll(live_world, anonymous=False)
    user = live_world.members[0].user
    assert actions.cast_vote(poll, f"u:{user.pk}", ["0"], user=user).user == user  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        ("single", ["0", "1"]),
        ("single", ["3"]),
        ("single", ["-1"]),
        ("multi", ["9"]),
        ("scale", ["0"]),
        ("scale", ["6"]),
        ("scale", ["x"]),
        ("text", ["   "]),
        ("single", []),
    ],
)
def test_answers_outside_the_poll_are_refused(
    live_world: LiveWorld, kind: str, values: list[str]
) -> None:
    poll = _poll(live_world, kind)
    with pytest.raises(LiveError):
        actions.cast_vote(poll, "u:1", values, user=None)
    assert not Vote.objects.filter(poll=poll).exists()


def test_results_of_each_kind(live_world: LiveWorld) -> None:
    multi = _poll(live_world, "multi")
    for k, values in enumerate((["0", "2"], ["2"], ["1", "2"])):
        actions.cast_vote(multi, f"u:{k}", values, user=None)
    assert [(b.count, round(b.share, 2)) for b in actions.results(multi).bars] == [
        (1, 0.33),
        (1, 0.33),
        (3, 1.0),
    ]
    scale = _poll(live_world, "scale")
    for k, value in enumerate("3455"):
        actions.cast_vote(scale, f"u:{k}", [value], user=None)
    result = actions.results(scale)
    assert result.mean == 4.25 and [b.count for b in result.bars] == [0, 0, 1, 1, 2]
    text = _poll(live_world, "text")
    for k, answer in enumerate(["Nya kontakter", "kontakter och energi", "Energi!", "och"]):
        actions.cast_vote(text, f"u:{k}", [answer], user=None)
    words = {w: (c, size) for w, c, size in actions.results(text).words}
    assert words["kontakter"] == (2, 5) and words["nya"] == (1, 1) and "och" not in words


def test_choice_polls_need_two_to_twelve_different_choices(live_world: LiveWorld) -> None:
    owner = Owner(meeting=live_world.meetings[0])
    from django.core.exceptions import ValidationError

    for options in (["Ja"], ["Ja", " Ja  "], [str(k) for k in range(13)]):
        with pytest.raises(ValidationError):
            actions.create_poll(owner, question="Q?", kind="single", options=options)
    poll = actions.create_poll(owner, question="Q?", kind="scale", options=["ignored"])
    assert poll.options == []


def test_a_meetings_poll_is_answered_by_its_members_only(live_world: LiveWorld) -> None:
    poll = _poll(live_world)
    url = reverse("live:answer", kwargs={"code": poll.code.lower()})
    anonymous = Client()
    assert anonymous.get(url).status_code == 302
    outsider = Client()
    from natverk.accounts import actions as accounts
    from natverk.accounts.models import Role, User

    stranger = User.objects.create_user("x@example.org", "pw-123456789", name="X")
    accounts.add_member(live_world.organisation, stranger, Role.MEMBER)
    outsider.force_login(stranger)
    assert outsider.get(url).status_code == 404
    member = Client()
    member.force_login(live_world.members[0].user)  # type: ignore[arg-type]
    assert member.get(url).status_code == 200
    assert member.post(url, {"answer": "2"}).status_code == 302
    again = member.post(url, {"answer": "1"})
    assert again.status_code == 400
    assert [b.count for b in actions.results(poll).bars] == [0, 0, 1]


def test_an_events_poll_takes_one_vote_per_device(live_world: LiveWorld) -> None:
    import datetime as dt

    from django.utils import timezone

    from natverk.live.actions import events

    start = timezone.now() + dt.timedelta(days=1)
    event = events.create_event(
        live_world.organisation,
        by=live_world.leader,
        theme="Tema",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
    )
    poll = actions.open_poll(
        actions.create_poll(Owner(event=event), question="Hur mår du?", kind="scale")
    )
    url = reverse("live:answer", kwargs={"code": poll.code})
    phone = Client()
    assert phone.get(url).status_code == 200
    assert phone.post(url, {"answer": "4"}).status_code == 302
    assert phone.post(url, {"answer": "5"}).status_code == 400
    other = Client()
    assert other.post(url, {"answer": "2"}).status_code == 302
    assert actions.results(poll).voters == 2


def test_the_screen_results_answer_204_until_something_changes(live_world: LiveWorld) -> None:
    poll = _poll(live_world)
    leader = Client()
    leader.force_login(live_world.leader)
    url = reverse("live:poll_results", kwargs={"slug": live_world.slug, "poll_id": poll.pk})
    first = leader.get(url)
    assert first.status_code == 200 and 'data-version="0:open:0"' in first.content.decode()
    assert leader.get(url, {"v": "0:open:0"}).status_code == 204
    actions.cast_vote(poll, "u:1", ["0"], user=None)
    assert leader.get(url, {"v": "0:open:0"}).status_code == 200
    qr = Client().get(reverse("live:qr", kwargs={"code": poll.code}))
    assert qr.status_code == 200 and qr.content.startswith(b"<svg")
