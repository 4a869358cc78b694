"""Access rows of the programs app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from natverk.accounts import tokens
from natverk.programs import board, intake, notify, space
from natverk.programs.models import Application, Group, GroupMember
from tests.site.access import LOGIN, Row, World, everyone, group_members, leaders, org_members


def _swap(world: World) -> Mapping[str, str]:
    groups = list(Group.objects.filter(program=world.program))
    first = groups[0].members.first()
    second = groups[-1].members.first()
    assert first is not None and second is not None
    return {"member": str(first.application_id), "target": f"swap:{second.application_id}"}


def _pending(world: World) -> Mapping[str, str]:
    answers = {"email": "ny.sokande@example.org", "name": "Ny Sökande", "hopes": "a", "offers": "b"}
    return {"pending": intake.pending_answers(answers, ["email"])}


def _waitlisted(world: World) -> Mapping[str, str]:
    return {"application": str(world.values["waitlisted_id"])}


#: The person's own place in the group: members of the group only (leaders have none).
OWN_PLACE = group_members(302) | {"leader": 404, "admin": 404}

ROWS: dict[str, Row] = {
    "programs:list": Row("GET", leaders(200)),
    "programs:detail": Row("GET", leaders(200)),
    "programs:open": Row("POST", leaders(302)),
    "programs:application": Row("GET", leaders(200)),
    "programs:application_status": Row("POST", leaders(302), data={"status": "accepted"}),
    "programs:import": Row("GET", leaders(200)),
    "programs:import_columns": Row("GET", leaders(200)),
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
    "programs:apply_change": Row("POST", everyone(200), data=_pending),
    "programs:confirm": Row("GET", everyone(200)),
    "programs:group": Row("GET", group_members(200)),
    "programs:post": Row("POST", group_members(302), data={"text": "Hej gruppen!"}),
    "programs:hide_post": Row("POST", group_members(302)),
    "programs:sharing": Row("POST", OWN_PLACE, data={"share": "email"}),
    "programs:notifications": Row("POST", OWN_PLACE, data={"notify": "digest"}),
    "programs:pause": Row("POST", OWN_PLACE, data={"reason": "Mycket på jobbet"}),
    "programs:leave": Row("GET", OWN_PLACE | {"group_member": 200}),
    "programs:unsubscribe": Row("GET", everyone(200)),
    "programs:followup": Row("GET", leaders(200)),
    "programs:offer_place": Row("POST", leaders(302), data=_waitlisted),
    "programs:invite": Row("GET", leaders(200)),
    # The demo organisation's catalogue is for members only (anonymous: log in first).
    "programs:catalogue": Row("GET", org_members(200)),
    "programs:listing": Row("GET", org_members(200)),
    "programs:catalogue_visibility": Row(
        "POST", everyone(404) | {"anonymous": LOGIN, "admin": 302}, data={"catalogue": "members"}
    ),
    "programs:goals": Row("POST", OWN_PLACE, data={"progress_1": "on_track"}),
    # The photo of someone who leads an open program, where the catalogue is seen.
    "programs:leader_photo": Row("GET", org_members(200)),
}


def populate(world: World) -> None:
    """A question of the leader's own, a confirmation link, a board post, a member who
    left and one on the waiting list."""
    from natverk.accounts.actions import set_photo
    from natverk.programs import actions
    from tests.pictures import PNG

    world.values["question_id"] = actions.add_question(world.program, "Vad hoppas du på?").pk
    program = world.program
    group = Group.objects.get(pk=world.values["group_id"])
    newcomer = intake.submit_application(
        program,
        user=None,
        email="ny.sokande@example.org",
        name="Ny Sökande",
        hopes="Lära mig mer",
        offers="Erfarenhet",
    )
    _confirmation, confirm_token = tokens.issue(
        intake.PURPOSE,
        newcomer.email,
        payload={"application": newcomer.pk},
        lifetime=dt.timedelta(hours=1),
    )
    member = world.people["group_member"]
    assert member is not None
    post = board.post_message(group, author=member, text="Vad tar vi upp nästa gång?")
    own = intake.participation_of(Application.objects.get(pk=world.values["application_id"]))
    leaver = (
        GroupMember.objects.filter(group=group)
        .exclude(application_id=world.values["application_id"])
        .first()
    )
    assert leaver is not None
    left = space.leave(intake.participation_of(leaver.application), "Nytt jobb")
    waitlisted = program.applications.filter(status=Application.Status.SUBMITTED).first()
    assert waitlisted is not None
    waitlisted.status = Application.Status.WAITLISTED
    waitlisted.save(update_fields=["status"])
    leader = world.demo.leader
    listed = actions.create_program(program.organisation, by=leader, title="Öppet program")
    actions.open_intake(listed)
    photo = set_photo(leader, PNG)
    upload = actions.upload_application_file(
        program,
        by=leader,
        data="Namn,E-post,Vad hoppas du på?,Vad kan du bidra med?\nA B,a@b.se,x,y\n".encode(),
        filename="svar.csv",
    )
    world.values |= {
        "file_id": upload.pk,
        "user_id": leader.pk,
        "version": photo.version,
        "confirm_token": confirm_token,
        "post_id": post.pk,
        "participation_id": left.pk,
        "waitlisted_id": waitlisted.pk,
        "unsubscribe_token": notify.unsubscribe_token(own, notify.BOARD),
    }
