"""The group's own space: cards with shared contacts, the board and its e-mails, pausing
and leaving, the waiting list, alumni groups and decisions by e-mail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from natverk.accounts.demo import DEMO_SLUG, OTHER_SLUG, DemoWorld
from natverk.outbox.actions import deliver_due
from natverk.outbox.models import Message
from natverk.privacy.registry import Subject, registered
from natverk.programs import actions, board, notify
from natverk.programs.demo_space import load_demo_group_space
from natverk.programs.models import Application, BoardPost, Group, Participation, Program


@pytest.fixture
def running(demo: DemoWorld) -> Program:
    """The demo's running program: Magnus in group 1 with meetings, contacts and posts."""
    return load_demo_group_space(demo)


def _group(program: Program, number: int = 1) -> Group:
    return program.groups.get(number=number)


def _url(name: str, group: Group, **kw: int) -> str:
    return reverse(f"programs:{name}", kwargs={"slug": DEMO_SLUG, "group_id": group.pk, **kw})


def _places(group: Group) -> list[Participation]:
    return [
        Participation.objects.select_related("application__user").get(application=m.application)
        for m in group.members.all()
    ]


def test_the_group_page_shows_cards_with_only_the_contacts_each_member_shares(
    client: Client, demo: DemoWorld, running: Program
) -> None:
    group = _group(running)
    client.force_login(demo.member)
    page = client.get(_url("group", group)).content.decode()
    assert "Träffar" in page and "Gå med i videomötet" in page
    for participation in _places(group):
        user = participation.application.user
        assert user is not None
        assert participation.application.name in page
        assert (f"mailto:{user.email}" in page) == participation.share_email
        phone = user.profile.phone
        if phone:
            assert (f"tel:{phone}" in page) == participation.share_phone
    assert page.count('<article class="post') == BoardPost.objects.filter(group=group).count()


def test_a_member_changes_what_they_share_any_time(
    client: Client, demo: DemoWorld, running: Program
) -> None:
    group = _group(running)
    client.force_login(demo.member)
    client.post(_url("sharing", group), {"share": ["phone"]})
    mine = Participation.objects.get(application__user=demo.member, application__program=running)
    assert (mine.share_email, mine.share_phone, mine.share_linkedin) == (False, True, False)
    other = _places(group)[-1].application.user
    assert other is not None and other != demo.member
    viewer = Client()
    viewer.force_login(other)
    page = viewer.get(_url("group", group)).content.decode()
    assert f"mailto:{demo.member.email}" not in page
    assert f"tel:{demo.member.profile.phone}" in page


def test_a_post_notifies_members_who_want_each_post_in_their_language(
    client: Client, demo: DemoWorld, running: Program
) -> None:
    group = _group(running)
    danish = next(p for p in _places(group) if p.application.user != demo.member)
    assert danish.application.user is not None
    danish.application.user.preferred_language = "da"
    danish.application.user.save(update_fields=["preferred_language"])
    client.force_login(demo.member)
    response = client.post(_url("post", group), {"text": "Någon som har tips om en bra podd?"})
    assert response.status_code == 302
    deliver_due()
    expected = {
        p.application.user.email  # type: ignore[union-attr]
        for p in _places(group)
        if p.notify == "each" and p.application.user != demo.member
    }
    assert {m.to[0] for m in mail.outbox} == expected and expected
    for message in mail.outbox:
        assert "Någon som har tips om en bra podd?" in message.body
        assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/")
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.alternatives[0][1] == "text/html"  # type: ignore[attr-defined]
    danish_mail = next(m for m in mail.outbox if m.to == [danish.application.user.email])
    assert "Nyt indlæg" in danish_mail.subject
    assert Message.objects.filter(
        topic=f"program:{running.pk}", kind__endswith="board_post"
    ).count()


def test_replies_stay_one_level_deep(client: Client, demo: DemoWorld, running: Program) -> None:
    group = _group(running)
    top = BoardPost.objects.filter(group=group, parent=None).first()
    reply = BoardPost.objects.filter(group=group, parent=top).first()
    assert top is not None and reply is not None
    client.force_login(demo.member)
    client.post(_url("post", group), {"text": "Håller med!", "parent": reply.pk})
    assert BoardPost.objects.get(text="Håller med!").parent == top
    empty = client.post(_url("post", group), {"text": "   "}, follow=True)
    assert "Skriv något först." in empty.content.decode()


def test_the_daily_digest_sends_new_posts_once_a_day(demo: DemoWorld, running: Program) -> None:
    group = _group(running)
    reader = next(p for p in _places(group) if p.notify == "digest")
    author = next(p for p in _places(group) if p.pk != reader.pk).application.user
    assert author is not None
    board.post_message(group, author=author, text="Nytt till sammanfattningen")
    mail.outbox.clear()
    now = timezone.now() + dt.timedelta(minutes=1)
    assert board.send_digests(now) >= 1
    assert board.send_digests(now) == 0
    deliver_due()
    digest = [m for m in mail.outbox if m.to == [reader.application.user.email]]  # type: ignore[union-attr]
    assert len(digest) == 1 and "Nytt till sammanfattningen" in digest[0].body
    assert "List-Unsubscribe" in digest[0].extra_headers


def test_the_unsubscribe_link_works_with_one_click_and_tampering_changes_nothing(
    demo: DemoWorld, running: Program
) -> None:
    participation = _places(_group(running))[0]
    url = notify.unsubscribe_url(participation, notify.BOARD, None)
    path = url.split("127.0.0.1:8000", 1)[-1]
    client = Client(enforce_csrf_checks=True)  # mail programs post without a CSRF token
    assert "Sluta få mejl om nya inlägg?" in client.get(path).content.decode()
    participation.refresh_from_db()
    assert participation.notify != "off"
    bad = client.post(path[:-3] + ("z" if path[-3] != "z" else "y") + path[-2:])
    assert bad.status_code == 400
    participation.refresh_from_db()
    assert participation.notify != "off"
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    participation.refresh_from_db()
    assert participation.notify == "off"


def test_the_leader_moderates_and_authors_remove_their_own_posts(
    client: Client, demo: DemoWorld, running: Program
) -> None:
    group = _group(running)
    post = BoardPost.objects.filter(group=group, parent=None).exclude(author=demo.member).first()
    assert post is not None
    client.force_login(demo.member)
    client.post(_url("hide_post", group, post_id=post.pk))
    post.refresh_from_db()
    assert post.hidden_at is None  # not Magnus's post
    own = board.post_message(group, author=demo.member, text="Fel tråd, förlåt")
    client.post(_url("hide_post", group, post_id=own.pk))
    own.refresh_from_db()
    assert own.hidden_by == demo.member
    leader = Client()
    leader.force_login(demo.leader)
    leader.post(_url("hide_post", group, post_id=post.pk))
    post.refresh_from_db()
    assert post.hidden_by == demo.leader
    assert "(Borttaget av ledaren.)" in client.get(_url("group", group)).content.decode()
    leader.post(_url("hide_post", group, post_id=post.pk), {"restore": "1"})
    post.refresh_from_db()
    assert post.hidden_at is None


def test_an_alumni_group_stays_for_members_and_is_read_only_for_the_leader(
    client: Client, demo: DemoWorld, running: Program
) -> None:
    group = _group(running)
    running.status = Program.Status.CLOSED
    running.save(update_fields=["status"])
    leader = Client()
    leader.force_login(demo.leader)
    page = leader.get(_url("group", group)).content.decode()
    assert "alumnigrupp" in page and "new-post" not in page
    before = BoardPost.objects.count()
    leader.post(_url("post", group), {"text": "Ledaren skriver"})
    post = BoardPost.objects.filter(group=group).first()
    assert post is not None
    leader.post(_url("hide_post", group, post_id=post.pk))
    post.refresh_from_db()
    assert BoardPost.objects.count() == before and post.hidden_at is None
    client.force_login(demo.member)
    client.post(_url("post", group), {"text": "Vi ses på café i maj?"})
    assert BoardPost.objects.filter(text="Vi ses på café i maj?").exists()


def test_pausing_is_seen_by_the_leader_and_leaving_frees_a_place_for_the_waitlist(
    client: Client, demo: DemoWorld, running: Program
) -> None:
    group = _group(running)
    client.force_login(demo.member)
    client.post(_url("pause", group), {"reason": "Föräldraledig"})
    mine = Participation.objects.get(application__user=demo.member, application__program=running)
    assert mine.state == "paused"
    leader = Client()
    leader.force_login(demo.leader)
    followup = reverse("programs:followup", args=[DEMO_SLUG, running.pk])
    assert "Föräldraledig" in leader.get(followup).content.decode()
    client.post(_url("pause", group), {"resume": "1"})
    mine.refresh_from_db()
    assert mine.state == "active"

    assert "Lämna programmet?" in client.get(_url("leave", group)).content.decode()
    client.post(_url("leave", group), {"reason": "Nytt jobb"})
    mine.refresh_from_db()
    assert mine.state == "left" and mine.left_group == group
    assert mine.application.status == Application.Status.WITHDRAWN
    assert client.get(_url("group", group)).status_code == 404

    waiting = Application.objects.create(
        program=running,
        name="Vera Vänt",
        email="vera@example.org",
        hopes="a",
        offers="b",
        status=Application.Status.WAITLISTED,
    )
    mail.outbox.clear()
    offer = reverse("programs:offer_place", args=[DEMO_SLUG, running.pk, mine.pk])
    leader.post(offer, {"application": waiting.pk})
    waiting.refresh_from_db()
    assert waiting.status == "accepted" and waiting.membership.group == group
    deliver_due()
    [message] = [m for m in mail.outbox if m.to == ["vera@example.org"]]
    assert "Du har fått en plats" in message.subject
    assert "när ledaren publicerar grupperna" in message.body  # the group comes with publishing
    again = leader.post(offer, {"application": waiting.pk}, follow=True)
    assert "Platsen kan inte erbjudas" in again.content.decode()


def test_decisions_are_mailed_once_each(demo: DemoWorld, running: Program) -> None:
    application = Application.objects.create(
        program=running, name="Ada", email="ada@example.org", hopes="a", offers="b"
    )
    actions.set_application_status(application, "waitlisted")
    actions.set_application_status(application, "waitlisted")
    actions.set_application_status(application, "accepted")
    deliver_due()
    subjects = [m.subject for m in mail.outbox if m.to == ["ada@example.org"]]
    assert len(subjects) == 2
    assert any("väntelistan" in s for s in subjects)
    assert any("Du har fått en plats" in s for s in subjects)


def test_the_mail_log_lists_the_programs_mails(
    client: Client, demo: DemoWorld, running: Program
) -> None:
    board.post_message(_group(running), author=demo.member, text="Hej alla")
    client.force_login(demo.leader)
    page = client.get(reverse("programs:mail_log", args=[DEMO_SLUG, running.pk])).content.decode()
    assert "Nytt inlägg i grupp 1" in page
    other = Client()
    other.force_login(demo.other_leader)
    assert other.get(reverse("programs:mail_log", args=[OTHER_SLUG, running.pk])).status_code == 404


def test_erasing_a_member_keeps_their_posts_as_a_former_members(
    client: Client, demo: DemoWorld, running: Program
) -> None:
    group = _group(running)
    post = board.post_message(group, author=demo.member, text="Mitt hemliga inlägg")
    spec = next(s for s in registered() if s.model is BoardPost)
    rows = spec.rows(Subject(user_id=demo.member.pk))
    assert post in rows
    assert spec.shred is not None
    spec.shred(rows)
    post.refresh_from_db()
    assert post.author is None and post.text == "" and post.erased
    client.force_login(demo.leader)
    page = client.get(_url("group", group)).content.decode()
    assert "En tidigare medlem" in page and "Mitt hemliga inlägg" not in page


def test_other_groups_and_their_posts_answer_404(
    client: Client, demo: DemoWorld, running: Program
) -> None:
    second = _group(running, 2)
    client.force_login(demo.member)
    assert client.get(_url("group", second)).status_code == 404
    foreign = board.post_message(second, author=demo.leader, text="Grupp 2")
    own = _group(running)
    assert client.post(_url("hide_post", own, post_id=foreign.pk)).status_code == 404
    other = Client()
    other.force_login(demo.other_leader)
    assert (
        other.get(
            reverse("programs:group", kwargs={"slug": OTHER_SLUG, "group_id": own.pk})
        ).status_code
        == 404
    )
