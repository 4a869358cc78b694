"""The demo's meetings: a group of Magnus Medlem's with meetings held and the next ready.

``make demo`` (the ``load_demo`` command) calls ``load_demo_meetings`` after the other
demo loaders. It uses the group the demo member was placed in when another loader
already placed him in a group with a held and a coming meeting; otherwise it creates
a small running program with him in group 1. Then it fills every meeting that is over
(attendance, opening-round turns, notes, decisions, to-dos, a resolved and an open
parked question, private notes) and prepares the next one (theme, agenda, opening-round
questions, proposed themes for the one after). Loading twice changes nothing. The
tests use the same world (tests/meetings/conftest.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from natverk.accounts.demo import DemoWorld
from natverk.accounts.models import Profile, User
from natverk.meetings.actions.agenda import fix_agenda
from natverk.meetings.models import (
    ActionItem,
    Attendance,
    Meeting,
    OpeningTurn,
    ParkingQuestion,
    PrivateNote,
    SharedNote,
    ThemeProposal,
    ThemeVote,
)
from natverk.programs.models import (
    Application,
    Group,
    GroupMember,
    InterviewNote,
    Placement,
    Program,
)

MEETINGS_PROGRAM_TITLE = "Kommunikatörer som leder förändring – demo"
GROUP_SIZE = 7
#: Days from today to each meeting of the demo series (two held, the third is next).
MEETING_DAYS = (-35, -14, 7, 28, 49, 70)
THEMES = ("Trendspaning i vår bransch", "AI i kommunikationsarbetet", "Att leda utan mandat")
NOTES = """## Trendspaning

- **AI-verktyg** används redan i de flesta organisationerna, mest för utkast.
- Flera ser att *förtroende* blir viktigare än räckvidd.

## Breakout-rummen

1. Hur mäter vi effekt av intern kommunikation?
2. Vad gör vi när ledningen vill vänta med beskedet?

> Nästa gång: ta med ett exempel på en förändring ni leder just nu.
"""


@dataclass(frozen=True)
class DemoMeetings:
    """The demo group, its held meetings and the next one, ready to run."""

    group: Group
    held: list[Meeting]
    next: Meeting


def _placed_group(member: User, world: DemoWorld) -> Group | None:
    """A group of the demo organisation the member was told about (or is in, published)."""
    placement = (
        Placement.objects.filter(
            application__user=member,
            application__status=Application.Status.ACCEPTED,
            group__program__organisation=world.organisation,
            group__program__deleted_at__isnull=True,
            group__dissolved_at__isnull=True,
        )
        .select_related("group")
        .first()
    )
    if placement is not None:
        return placement.group
    working = (
        GroupMember.objects.filter(
            application__user=member,
            application__status=Application.Status.ACCEPTED,
            group__program__organisation=world.organisation,
            group__program__published_at__isnull=False,
            group__dissolved_at__isnull=True,
        )
        .select_related("group")
        .first()
    )
    if working is None:
        return None
    now = timezone.now()
    for m in GroupMember.objects.filter(group=working.group).select_related("application"):
        Placement.objects.get_or_create(
            application=m.application, defaults={"group": working.group, "published_at": now}
        )
    return working.group


def _usable(group: Group) -> bool:
    now = timezone.now()
    live = group.meetings.filter(cancelled_at__isnull=True)
    return live.filter(ends_at__lt=now).exists() and live.filter(starts_at__gt=now).exists()


def _apply(program: Program, profile: Profile) -> Application:
    user = profile.user
    application = Application(
        program=program,
        user=user,
        name=user.name,
        email=user.email,
        profession=profile.profession,
        industry=profile.industry,
        employer=profile.employer,
        region=profile.region,
        seniority=profile.seniority,
        languages=profile.languages or "sv",
        hopes="Utbyte med andra som leder förändring, och nya perspektiv på mitt arbete.",
        offers="Erfarenhet av intern kommunikation i stora förändringar.",
        availability="tue-evening",
        status=Application.Status.ACCEPTED,
    )
    application.full_clean()
    application.save()
    return application


def _own_group(world: DemoWorld) -> Group:
    """The demo's own running program with the member in group 1 (found or created)."""
    program = Program.objects.filter(
        organisation=world.organisation, title=MEETINGS_PROGRAM_TITLE
    ).first()
    if program is not None:
        return program.groups.get(number=1)
    today = timezone.localdate()
    published = timezone.now() + dt.timedelta(days=MEETING_DAYS[0] - 14)
    program = Program(
        organisation=world.organisation,
        title=MEETINGS_PROGRAM_TITLE,
        theme="Att leda förändring genom kommunikation",
        description="Sex digitala träffar på 90 minuter, i en grupp om sju.",
        status=Program.Status.RUNNING,
        first_meeting_on=today + dt.timedelta(days=MEETING_DAYS[0]),
        created_by=world.leader,
        published_at=published,
    )
    program.full_clean()
    program.save()
    others: list[Profile] = []
    for profile in (
        Profile.objects.select_related("user")
        .filter(
            user__memberships__organisation=world.organisation, user__memberships__role="member"
        )
        .exclude(user=world.member)
        .exclude(profession="")
        .order_by("user__email")
    ):
        if profile.user.name not in {p.user.name for p in others}:
            others.append(profile)
        if len(others) == GROUP_SIZE - 1:
            break
    member = Profile.objects.select_related("user").get_or_create(user=world.member)[0]
    applications = [_apply(program, p) for p in [member, *others]]
    group = Group.objects.create(
        program=program,
        number=1,
        video_url="https://meet.jit.si/natverk-demo-forandring",
        published_at=published,
        published_video_url="https://meet.jit.si/natverk-demo-forandring",
        slot="tue-evening",
    )
    for application in applications:
        GroupMember.objects.create(group=group, application=application)
        Placement.objects.create(application=application, group=group, published_at=published)
    zone = timezone.get_default_timezone()
    for number, days in enumerate(MEETING_DAYS, start=1):
        start = dt.datetime.combine(today + dt.timedelta(days=days), dt.time(17, 30), zone)
        Meeting.objects.create(
            group=group, number=number, starts_at=start, ends_at=start + dt.timedelta(minutes=90)
        )
    InterviewNote.objects.create(
        application=applications[0],
        author=world.leader,
        text="Leder omorganisationen av kommunikationsavdelningen; vill lära av andras misstag.",
    )
    return group


def _members(group: Group) -> list[Application]:
    return [
        p.application
        for p in Placement.objects.filter(group=group, application__status="accepted")
        .select_related("application")
        .order_by("application__name")
    ]


def _drifting(members: list[Application], world: DemoWorld) -> Application:
    """The member who missed the held meetings (never the demo member, who logs in)."""
    return next(a for a in reversed(members) if a.user_id != world.member.pk)


def _hold(meeting: Meeting, members: list[Application], k: int, world: DemoWorld) -> None:
    """Fill a meeting that is over as if it was run in natverk."""
    fix_agenda(meeting)
    meeting.theme = meeting.theme or THEMES[k % len(THEMES)]
    meeting.opened_at = meeting.starts_at
    meeting.closed_at = meeting.ends_at
    meeting.block = meeting.agenda.count() - 1
    meeting.block_started_at = meeting.ends_at - dt.timedelta(minutes=5)
    meeting.save(update_fields=["theme", "opened_at", "closed_at", "block", "block_started_at"])
    away = _drifting(members, world)
    for n, application in enumerate(members):
        # One member has missed the held meetings: the leader sees them drifting away.
        status = "absent" if application == away else ("late" if n == 2 + k else "present")
        Attendance.objects.create(meeting=meeting, application=application, status=status)
        if status != "absent":
            start = meeting.starts_at + dt.timedelta(minutes=5 + 3 * n)
            OpeningTurn.objects.create(
                meeting=meeting,
                application=application,
                question="Vad har hänt i ditt arbete sedan sist?",
                started_at=start,
                ended_at=start + dt.timedelta(seconds=150 + 7 * n),
            )
    SharedNote.objects.create(meeting=meeting, text=NOTES, version=1, updated_by=world.leader)
    PrivateNote.objects.create(
        meeting=meeting,
        author=world.member,
        text="Fråga Lena om mallen för förhandsbesked.",
        version=1,
    )
    ActionItem.objects.create(
        meeting=meeting, kind="decision", text="Vi delar exempel i gruppens kanal före varje träff."
    )
    ActionItem.objects.create(
        meeting=meeting,
        kind="todo",
        text="Dela mallen för förhandsbesked",
        who=members[1],
        due_on=(meeting.starts_at + dt.timedelta(days=10)).date(),
    )


def _questions(held: list[Meeting], members: list[Application], world: DemoWorld) -> None:
    first, last = held[0], held[-1]
    ParkingQuestion.objects.create(
        group=last.group,
        meeting=first,
        author=members[1].user,
        text="Hur mäter ni effekten av intern kommunikation?",
        answer="Pulsmätning varannan månad plus tre frågor i medarbetarenkäten.",
        resolved_at=last.ends_at - dt.timedelta(minutes=10),
        resolved_in=last,
        resolved_by=world.leader,
    )
    ParkingQuestion.objects.create(
        group=last.group,
        meeting=last,
        author=world.member,
        text="Vilka verktyg använder ni för AI-stöd i skrivandet?",
    )


def _prepare(meeting: Meeting, after: Meeting | None, members: list[Application]) -> None:
    """Make the next meeting ready to run, and open theme proposals for the one after."""
    fix_agenda(meeting)
    if not meeting.theme:
        meeting.theme = THEMES[2]
        meeting.save(update_fields=["theme"])
    for application in members:
        OpeningTurn.objects.get_or_create(
            meeting=meeting,
            application=application,
            defaults={"question": f"{application.name.split()[0]}, vad tar du med dig hit i dag?"},
        )
    if after is None:
        return
    for n, text in enumerate(("Kriskommunikation", "Att mäta effekt")):
        proposal = ThemeProposal.objects.create(meeting=after, author=members[n].user, text=text)
        for voter in members[: 3 - n]:
            if voter.user is not None:
                ThemeVote.objects.get_or_create(proposal=proposal, voter=voter.user)


@transaction.atomic
def load_demo_meetings(world: DemoWorld) -> DemoMeetings:
    """Find or create the demo member's group and fill its meetings; idempotent."""
    group = _placed_group(world.member, world)
    if group is None or not _usable(group):
        group = _own_group(world)
    now = timezone.now()
    live = group.meetings.filter(cancelled_at__isnull=True).order_by("starts_at")
    held = list(live.filter(ends_at__lt=now))
    coming = list(live.filter(starts_at__gt=now)[:2])
    members = _members(group)
    fresh = [m for m in held if m.closed_at is None]
    for k, meeting in enumerate(held):
        if meeting in fresh:
            _hold(meeting, members, k, world)
    if fresh:
        _questions(held, members, world)
        _prepare(coming[0], coming[1] if len(coming) > 1 else None, members)
    return DemoMeetings(group=group, held=held, next=coming[0])
