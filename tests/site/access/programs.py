"""Access rows of the programs app."""

from __future__ import annotations

from collections.abc import Mapping

from natverk.programs.models import Group
from tests.site.access import Row, World, everyone, leaders


def populate(world: World) -> None:
    """A question of the leader's own, for its edit URL."""
    from natverk.programs.actions import add_question

    world.values["question_id"] = add_question(world.program, "Vad hoppas du på?").pk


def _swap(world: World) -> Mapping[str, str]:
    groups = list(Group.objects.filter(program=world.program))
    first = groups[0].members.first()
    second = groups[-1].members.first()
    assert first is not None and second is not None
    return {"member": str(first.application_id), "target": f"swap:{second.application_id}"}


ROWS: dict[str, Row] = {
    "programs:list": Row("GET", leaders(200)),
    "programs:detail": Row("GET", leaders(200)),
    "programs:open": Row("POST", leaders(302)),
    "programs:application": Row("GET", leaders(200)),
    "programs:application_status": Row("POST", leaders(302), data={"status": "accepted"}),
    "programs:start_run": Row("POST", leaders(302)),
    "programs:run": Row("GET", leaders(200)),
    "programs:groups": Row("GET", leaders(200)),
    "programs:preview": Row("POST", leaders(200), data=_swap),
    "programs:change": Row("POST", leaders(302), data=_swap),
    "programs:lock": Row("POST", leaders(302), data={"locked": "0"}),
    "programs:video": Row("POST", leaders(302), data={"video_url": "https://meet.jit.si/x"}),
    "programs:add_question": Row("POST", leaders(302), data={"text": "Fråga?"}),
    "programs:retry_run": Row("POST", leaders(302)),
    "programs:use_run": Row("POST", leaders(302)),
    "programs:question": Row("POST", leaders(302), data={"text": "Vad vill du lära dig?"}),
    "programs:edit": Row("GET", leaders(200)),
    "programs:delete": Row("GET", leaders(200)),
    "programs:mail_log": Row("GET", leaders(200)),
    "programs:apply": Row("GET", everyone(200)),
}
