"""Access rows of the meetings app.

A meeting's pages are for the members its group was published to and the leaders;
the run view and what the leader prepares are for the leaders; a private note is its
author's alone (the group member here), leaders and administrators included.
"""

from __future__ import annotations

from collections.abc import Mapping

from natverk.meetings.actions.agenda import create_template
from natverk.meetings.models import (
    ActionItem,
    AgendaTemplate,
    Meeting,
    ParkingQuestion,
    PrivateNote,
    ThemeProposal,
)
from tests.site.access import Row, World, everyone, group_members, leaders


def populate(world: World) -> None:
    """A meeting of the program's first group, with a proposal, a question, a private note
    of the group member's and an agenda template."""
    meeting = Meeting.objects.filter(group_id=world.values["group_id"]).order_by("number").first()
    assert meeting is not None
    author = world.people["group_member"]
    assert author is not None
    world.values["meeting_id"] = meeting.pk
    world.values["proposal_id"] = ThemeProposal.objects.create(
        meeting=meeting, author=author, text="Trendspaning"
    ).pk
    world.values["parked_id"] = ParkingQuestion.objects.create(
        group=meeting.group, meeting=meeting, author=author, text="Hur mäter ni effekt?"
    ).pk
    world.values["note_id"] = PrivateNote.objects.create(
        meeting=meeting, author=author, text="Bara för mig."
    ).pk
    world.values["template_id"] = create_template(world.program, "Standard").pk
    world.values["item_id"] = ActionItem.objects.create(
        meeting=meeting, kind="todo", text="Dela mallen"
    ).pk


def _member(world: World) -> Mapping[str, str]:
    return {"application": str(world.values["application_id"]), "status": "present"}


def _version(world: World) -> Mapping[str, str]:
    meeting = Meeting.objects.get(pk=world.values["meeting_id"])
    return {"kind": "welcome", "title": "", "minutes": "5", "version": str(meeting.agenda_version)}


def _template_version(world: World) -> Mapping[str, str]:
    template = AgendaTemplate.objects.get(pk=world.values["template_id"])
    return {"kind": "welcome", "title": "", "minutes": "5", "version": str(template.version)}


def author_only(status: int) -> dict[str, int]:
    """The author of a private note (the group member) and nobody else, leaders included."""
    return everyone(404) | {"anonymous": 302, "group_member": status}


ROWS: dict[str, Row] = {
    "meetings:calendar": Row("GET", group_members(200)),
    "meetings:publish": Row("GET", leaders(200)),
    "meetings:series": Row("GET", leaders(200)),
    "meetings:move": Row("POST", leaders(302), data={"date": "2027-03-02", "time": "17:30"}),
    "meetings:cancel": Row("POST", leaders(302)),
    "meetings:add": Row("POST", leaders(302), data={"date": "2027-06-01", "time": "17:30"}),
    "meetings:participation": Row("GET", leaders(200)),
    "meetings:templates": Row("GET", leaders(200)),
    "meetings:template": Row("POST", leaders(302), data=_template_version),
    "meetings:meeting": Row("GET", group_members(200)),
    "meetings:format": Row("POST", leaders(302), data={"format": "digital"}),
    "meetings:theme": Row("POST", leaders(302), data={"theme": "Trendspaning"}),
    "meetings:propose": Row("POST", group_members(302), data={"theme": "AI i vardagen"}),
    "meetings:vote": Row("POST", group_members(302)),
    "meetings:choose": Row("POST", leaders(302)),
    "meetings:opening": Row("GET", leaders(200)),
    "meetings:agenda": Row("POST", leaders(302), data=_version),
    "meetings:agenda_reset": Row("POST", leaders(302), data={"template": ""}),
    "meetings:run": Row("GET", leaders(200)),
    "meetings:run_state": Row("GET", leaders(200)),
    "meetings:start": Row("POST", leaders(302)),
    "meetings:next_block": Row("POST", leaders(302), data={"shown": "0"}),
    "meetings:attend": Row("POST", leaders(302), data=_member),
    "meetings:turn_next": Row("POST", leaders(302), data={"shown": ""}),
    "meetings:turn_start": Row("POST", leaders(302), data=_member),
    "meetings:close": Row("POST", leaders(302)),
    "meetings:park": Row("POST", group_members(302), data={"text": "En fråga"}),
    "meetings:resolve": Row("POST", leaders(302), data={"answer": "Så här."}),
    "meetings:notes": Row("POST", group_members(302), data={"text": "Anteckning", "version": "0"}),
    "meetings:my_notes": Row(
        "POST", group_members(302), data={"mine-text": "Mina", "mine-version": "0"}
    ),
    "meetings:add_action": Row("POST", group_members(302), data={"kind": "todo", "text": "Ring"}),
    "meetings:action_done": Row("POST", group_members(302), data={"done": "1"}),
    "meetings:summary": Row("POST", leaders(302)),
    "meetings:private_note": Row("GET", author_only(200)),
}
