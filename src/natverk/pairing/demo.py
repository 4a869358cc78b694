"""The demo pairing program: Nordljus Energi's colleagues over a coffee, every two weeks.

The company's HR administrator runs it; its people are the company's members plus an
HR list of colleagues without a natverk account, and eight earlier rounds with
check-ins fill the picture. Loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from natverk.accounts import actions as account_actions
from natverk.accounts.demo import OTHER_SLUG, DemoWorld
from natverk.accounts.models import Profile, Role, User
from natverk.formats.employees import Employee
from natverk.pairing import actions, rounds
from natverk.pairing.models import MeetupMember, PairingProgram
from natverk.workforce import generate_staff

HR_EMAIL = "hanna.hr@example.org"
#: Demo password, printed by ``make demo``; never use the demo data in production.
HR_PASSWORD = "natverk-hr-2027"  # noqa: S105
DEMO_PAIRING_TITLE = "Fika över avdelningarna"
EARLIER_ROUNDS = 8


def _hr(world: DemoWorld) -> User:
    user = User.objects.filter(email=HR_EMAIL).first()
    if user is None:
        user = User.objects.create_user(HR_EMAIL, HR_PASSWORD, name="Hanna HR")
    account_actions.add_member(world.other_organisation, user, Role.ADMIN)
    return user


def _employees(world: DemoWorld, staff: int, today: dt.date) -> list[Employee]:
    """The company's members (from their profiles) and an HR list of colleagues."""
    rng = random.Random(7)
    members = Profile.objects.select_related("user").filter(
        user__memberships__organisation=world.other_organisation,
        user__memberships__role=Role.MEMBER,
    )
    people = [
        Employee(
            name=p.user.name,
            email=p.user.email,
            department=p.department or "Teknik",
            location=rng.choice(["Stockholm", "Luleå", "Göteborg"]),
            start_date=today - dt.timedelta(days=rng.randint(30, 2000)),
            languages=tuple(c.strip() for c in p.languages.split(",") if c.strip()),
        )
        for p in members.order_by("user__email")
    ]
    taken = {p.email for p in people}
    people += [
        Employee(s.name, s.email, s.department, s.location, s.start_date, s.role, s.languages)
        for s in generate_staff(staff, seed=11, today=today, domain="nordljus.example.org")
        if s.email not in taken
    ]
    return people


@transaction.atomic
def load_demo_pairing(world: DemoWorld, *, staff: int = 160) -> PairingProgram:
    """Create (or find) the demo pairing program with its earlier rounds; idempotent."""
    assert world.other_organisation.slug == OTHER_SLUG
    found = PairingProgram.objects.filter(
        organisation=world.other_organisation, title=DEMO_PAIRING_TITLE
    ).first()
    if found is not None:
        return found
    today = timezone.localdate()
    first = today - dt.timedelta(weeks=2 * EARLIER_ROUNDS)
    program = actions.create_program(
        world.other_organisation,
        by=_hr(world),
        title=DEMO_PAIRING_TITLE,
        first_round_on=first,
        cadence=PairingProgram.Cadence.BIWEEKLY,
    )
    # People of the earlier rounds were told long ago: no welcome e-mails now.
    actions.import_employees(program, _employees(world, staff, first), tell=False)
    rng = random.Random(2027)
    for k in range(EARLIER_ROUNDS):
        made = rounds.make_round(program.pk, first + dt.timedelta(weeks=2 * k), introduce=False)
        assert made is not None
        _answer(made.pk, rng)
    # Their check-in questions went out long ago, too.
    program.rounds.update(checkins_sent_at=timezone.now())
    return program


def _answer(round_id: int, rng: random.Random) -> None:
    """Check-ins of an earlier round: most meetups took place, some did not, some are silent."""
    now = timezone.now()
    answered = []
    for member in MeetupMember.objects.filter(meetup__round_id=round_id).order_by("meetup", "pk"):
        if member.meetup_id % 10 == 0:
            continue  # nobody in this meetup answered
        if rng.random() < 0.6:
            member.answer = (
                MeetupMember.Answer.NOT_MET
                if member.meetup_id % 7 == 0
                else MeetupMember.Answer.MET
            )
            member.answered_at = now
            answered.append(member)
    MeetupMember.objects.bulk_update(answered, ["answer", "answered_at"])
