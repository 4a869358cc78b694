"""Access rows of the feedback app."""

from __future__ import annotations

from natverk.feedback import actions
from natverk.feedback.models import Kind
from natverk.meetings.models import Meeting
from tests.site.access import Row, World, everyone, group_members, leaders, org_members


def populate(world: World) -> None:
    """A pulse invitation for the group member (its link needs no login)."""
    meeting = Meeting.objects.filter(group__program=world.program).first()
    assert meeting is not None
    survey = actions.open_survey(world.program, Kind.PULSE, meeting)
    member = world.people["group_member"]
    assert member is not None
    world.values["link"] = actions.invite(survey, member, base_url="http://testserver")


def _admins_only(status: int) -> dict[str, int]:
    return org_members(status) | {
        "member": 404,
        "group_member": 404,
        "leader": 404,
        "admin": status,
    }


ROWS: dict[str, Row] = {
    "feedback:answer": Row("GET", everyone(200)),
    "feedback:program": Row("GET", leaders(200)),
    "feedback:program_csv": Row("GET", leaders(200)),
    "feedback:own_question": Row(
        "POST",
        leaders(302),
        data={"kind": "pulse", "text": "Vad tar du med dig?", "answer": "scale5"},
    ),
    "feedback:send_evaluation": Row("POST", leaders(302)),
    "feedback:organisation": Row("GET", _admins_only(200)),
    "feedback:group": Row("GET", group_members(200)),
}
