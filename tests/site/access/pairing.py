"""Access rows of colleague pairing: HR (the organisation's administrators) and links."""

from __future__ import annotations

from django.utils import timezone

from natverk.accounts.models import Profile
from natverk.formats.employees import Employee
from natverk.pairing import actions, rounds, tokens
from natverk.pairing.models import MeetupMember
from tests.site.access import Row, World, everyone, leaders

#: Pairing programs are run by administrators (HR), not by network leaders.
ADMINS = leaders(200) | {"leader": 404}


def populate(world: World) -> None:
    """A pairing program of the demo organisation's members, with one round made."""
    organisation = world.demo.organisation
    program = actions.create_program(
        organisation, by=world.demo.admin, title="Fika", first_round_on=timezone.localdate()
    )
    profiles = Profile.objects.select_related("user").filter(
        user__memberships__organisation=organisation
    )
    people = [Employee(p.user.name, p.user.email, p.department or "HR") for p in profiles]
    actions.import_employees(program, people, tell=False)
    made = rounds.make_round(program.pk, timezone.localdate())
    assert made is not None
    seat = MeetupMember.objects.filter(meetup__round=made).first()
    assert seat is not None
    world.values |= {
        "pairing_id": program.pk,
        "round_number": made.number,
        "join_token": program.join_token,
        "participant_token": tokens.make(tokens.PARTICIPANT, seat.participant_id, program.pk),
        "checkin_token": tokens.make(tokens.CHECKIN, seat.pk, program.pk),
    }


ROWS: dict[str, Row] = {
    "pairing:list": Row("GET", ADMINS),
    "pairing:detail": Row("GET", ADMINS),
    "pairing:edit": Row("GET", ADMINS),
    "pairing:import": Row("GET", ADMINS),
    "pairing:participants": Row("GET", ADMINS),
    "pairing:run_round": Row("POST", leaders(302) | {"leader": 404}),
    "pairing:round": Row("GET", ADMINS),
    "pairing:insights": Row("GET", ADMINS),
    "pairing:join": Row("GET", everyone(200)),
    "pairing:me": Row("GET", everyone(200)),
    "pairing:checkin": Row("GET", everyone(200)),
}
