"""Notes after a meeting: Markdown rendered safely, a stale save refused (not overwritten),
private notes seen by their author only, decisions and to-dos with who and when."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.meetings.actions import MeetingError, StaleEditError
from natverk.meetings.actions.notes import add_action_item, save_notes, save_private_note
from natverk.meetings.demo import DemoMeetings
from natverk.meetings.markdown import ATTRIBUTES, SCHEMES, TAGS, render_markdown
from natverk.meetings.models import ActionItem, PrivateNote, SharedNote
from natverk.programs.demo import load_demo_program
from natverk.programs.models import Application
from tests.meetings.conftest import logged_in, url


def test_markdown_keeps_structure_and_drops_scripts() -> None:
    html = render_markdown(
        "# Rubrik\n\n- **fet** punkt\n\n<script>alert(1)</script>\n\n"
        "[länk](javascript:alert(1)) [ok](https://example.org) <img src=x onerror=alert(1)>"
    )
    assert "<h1>Rubrik</h1>" in html and "<strong>fet</strong>" in html
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html  # shown as text, not run
    assert 'href="javascript' not in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html


class _Tags(HTMLParser):
    """Every tag and attribute of a piece of HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


PIECES = [
    "<script>", "<img src=x onerror=alert(1)>", "javascript:", "[a](", ")", "<", ">", '"',
    "'", "=", " ", "\n", "**", "# ", "- ", "https://x.org", "<a href=", "&", "`", "|",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_markdown_renders_only_allowed_tags_attributes_and_links(text: str) -> None:
    parser = _Tags()
    parser.feed(str(render_markdown(text)))
    for tag, attrs in parser.found:
        assert tag in TAGS
        assert set(attrs) <= ATTRIBUTES.get(tag, set()) | {"rel"}
        scheme = urlsplit(attrs.get("href") or "").scheme
        assert scheme in SCHEMES or scheme == ""


def test_a_stale_save_of_the_notes_is_refused_and_theirs_kept(
    meetings: DemoMeetings, demo: DemoWorld, others: list[Application]
) -> None:
    meeting = meetings.next
    save_notes(meeting, "Första versionen", version=0, by=demo.leader)
    assert others[0].user is not None
    save_notes(meeting, "Lenas tillägg", version=1, by=demo.leader)
    with pytest.raises(StaleEditError) as refused:
        save_notes(meeting, "Ahmeds text", version=1, by=others[0].user)
    assert refused.value.current == "Lenas tillägg" and refused.value.version == 2
    assert SharedNote.objects.get(meeting=meeting).text == "Lenas tillägg"


def test_notes_page_answers_409_with_both_texts(
    client: Client, meetings: DemoMeetings, demo: DemoWorld
) -> None:
    logged_in(client, demo.member)
    client.post(url("notes", meetings.next), {"text": "Magnus först", "version": "0"})
    response = client.post(url("notes", meetings.next), {"text": "Min krock", "version": "0"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Magnus först" in page and "Min krock" in page
    assert "Någon annan sparade anteckningarna" in page


def test_private_notes_are_seen_by_their_author_only(
    client: Client, meetings: DemoMeetings, demo: DemoWorld, others: list[Application]
) -> None:
    note = save_private_note(meetings.next, demo.member, "Hemlig kanariefågel", version=0)
    mine = logged_in(client, demo.member).get(url("meeting", meetings.next)).content.decode()
    assert "Hemlig kanariefågel" in mine
    for reader in (demo.leader, demo.admin, others[0].user):
        assert reader is not None
        page = logged_in(client, reader).get(url("meeting", meetings.next)).content.decode()
        assert "Hemlig kanariefågel" not in page
        own = client.get(f"/o/{DEMO_SLUG}/private-notes/{note.pk}/")
        assert own.status_code == 404
    logged_in(client, demo.member)
    assert client.get(f"/o/{DEMO_SLUG}/private-notes/{note.pk}/").status_code == 200


def test_a_stale_private_note_save_is_refused(meetings: DemoMeetings, demo: DemoWorld) -> None:
    save_private_note(meetings.next, demo.member, "Telefonen", version=0)
    with pytest.raises(StaleEditError):
        save_private_note(meetings.next, demo.member, "Datorn", version=0)
    assert PrivateNote.objects.get(meeting=meetings.next, author=demo.member).text == "Telefonen"


def test_a_todo_has_who_and_when_from_the_group(
    meetings: DemoMeetings, demo: DemoWorld, others: list[Application]
) -> None:
    due = dt.date(2027, 3, 1)
    item = add_action_item(
        meetings.next, kind="todo", text="Boka lokal", who=others[0], due_on=due, by=demo.leader
    )
    assert (item.who, item.due_on) == (others[0], due)
    stranger = load_demo_program(demo, applicants=8).applications.first()
    assert stranger is not None
    with pytest.raises(MeetingError):
        add_action_item(
            meetings.next, kind="todo", text="X", who=stranger, due_on=None, by=demo.leader
        )


def test_members_add_and_tick_off_todos_on_the_page(
    client: Client, meetings: DemoMeetings, demo: DemoWorld, others: list[Application]
) -> None:
    logged_in(client, demo.member)
    client.post(
        url("add_action", meetings.next),
        {"kind": "todo", "text": "Skicka boktipset", "who": others[1].pk, "due_on": "2027-02-01"},
    )
    item = ActionItem.objects.get(text="Skicka boktipset")
    assert item.who == others[1] and item.created_by == demo.member
    client.post(url("action_done", meetings.next, item_id=item.pk), {"done": "1"})
    item.refresh_from_db()
    assert item.done_at is not None
