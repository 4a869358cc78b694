"""The demo's running program: Magnus Medlem's group with meetings, contacts and a board.

``make demo`` loads it beside the intake program, so that the member login lands in a
group at once. Groups are dealt out in order (no solver run) and published eight weeks
ago (working groups and what members were told agree); three meetings are behind the
group, three ahead. It lives in meetings because it plans the groups' meetings.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from natverk.accounts.demo import DemoWorld
from natverk.accounts.models import Profile
from natverk.meetings.actions import plan_meetings
from natverk.programs.models import (
    Application,
    BoardPost,
    Goal,
    Group,
    GroupMember,
    Participation,
    Placement,
    Program,
)

RUNNING_PROGRAM_TITLE = "Kommunikatörer i energi och handel – hösten 2026"
GROUP_SIZES = (8, 7, 7)
_POSTS = (
    (
        "Hur gör ni med kriskommunikation när ledningen vill vänta med beskedet? "
        "Jag har ett läge just nu och skulle gärna höra era erfarenheter.",
        (
            "Vi har en mall för förhandsbesked: kort, sant och med en tid för nästa besked. "
            "Jag kan dela den på nästa träff.",
            "Samma läge hos oss i våras. Det som hjälpte var att visa kostnaden av att vänta.",
        ),
    ),
    (
        "Tack för senast! Här är boken jag nämnde: https://example.org/bok-om-dialog",
        ("Tack! Beställd.",),
    ),
    ("Någon som ska på Kommunikationsdagarna i november? Vi kunde ses där.", ()),
)

_GOALS = (
    "Ha en plan för kriskommunikation som ledningen har godkänt.",
    "Tre kontakter i andra branscher som jag kan ringa om råd.",
)


def _applicants(world: DemoWorld) -> list[Profile]:
    others = list(
        Profile.objects.select_related("user")
        .filter(
            user__memberships__organisation=world.organisation, user__memberships__role="member"
        )
        .exclude(user=world.member)
        .exclude(profession="")
        .order_by("-user__email")[: sum(GROUP_SIZES) - 1]
    )
    return [Profile.objects.select_related("user").get(user=world.member), *others]


def _apply(program: Program, profile: Profile, k: int) -> Application:
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
        hopes="Utbyte med andra kommunikatörer och nya perspektiv på mitt arbete.",
        offers=profile.bio or "Erfarenhet av intern kommunikation och förändringsarbete.",
        availability="tue-evening,wed-lunch",
        status=Application.Status.ACCEPTED,
    )
    application.full_clean()
    application.save()
    Participation.objects.create(
        application=application,
        language=user.preferred_language,
        email_confirmed_at=timezone.now(),
        share_email=True,
        share_phone=k % 3 != 2,
        share_linkedin=k % 2 == 0,
        notify=Participation.Notify.EACH if k % 4 else Participation.Notify.DIGEST,
    )
    if k % 3 != 2 and not profile.phone:
        profile.phone = f"+46 70 {100 + k:03d} {10 + k:02d} {20 + k:02d}"
        profile.linkedin_url = profile.linkedin_url or (
            f"https://www.linkedin.com/in/{user.email.split('@')[0].replace('.', '-')}"
        )
        profile.full_clean()
        profile.save(update_fields=["phone", "linkedin_url"])
    return application


def _board(group: Group, authors: list[Application]) -> None:
    now = timezone.now()
    for n, (text, replies) in enumerate(_POSTS):
        when = now - dt.timedelta(days=9 - 3 * n, hours=2)
        post = BoardPost.objects.create(
            group=group, author=authors[(n + 1) % len(authors)].user, text=text, created_at=when
        )
        for r, reply in enumerate(replies):
            BoardPost.objects.create(
                group=group,
                parent=post,
                author=authors[(n + r + 2) % len(authors)].user,
                text=reply,
                created_at=when + dt.timedelta(hours=3 + r),
            )


@transaction.atomic
def load_demo_group_space(world: DemoWorld) -> Program:
    """Create (or find) the running demo program with Magnus in group 1; idempotent."""
    program = Program.objects.filter(
        organisation=world.organisation, title=RUNNING_PROGRAM_TITLE
    ).first()
    if program is not None:
        return program
    today = timezone.localdate()
    published = timezone.now() - dt.timedelta(weeks=8)
    program = Program(
        organisation=world.organisation,
        title=RUNNING_PROGRAM_TITLE,
        theme="Kommunikation i förändring",
        description="Sex digitala träffar under hösten i grupper om 7–8.",
        group_min=6,
        group_max=8,
        status=Program.Status.RUNNING,
        first_meeting_on=today - dt.timedelta(weeks=7),
        span_weeks=16,
        created_by=world.leader,
        published_at=published,
    )
    program.full_clean()
    program.save()
    applications = [_apply(program, p, k) for k, p in enumerate(_applicants(world))]
    for number, text in enumerate(_GOALS, start=1):  # the demo member's goals
        Goal.objects.create(application=applications[0], number=number, text=text)
    start = 0
    for number, size in enumerate(GROUP_SIZES, start=1):
        video = f"https://meet.jit.si/natverk-demo-{number}"
        group = Group.objects.create(
            program=program,
            number=number,
            video_url=video,
            published_video_url=video,
            published_at=published,
        )
        members = applications[start : start + size]
        GroupMember.objects.bulk_create(GroupMember(group=group, application=a) for a in members)
        Placement.objects.bulk_create(
            Placement(group=group, application=a, published_at=published) for a in members
        )
        plan_meetings(group)
        if number == 1:
            _board(group, members)
        start += size
    return program
