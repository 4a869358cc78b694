"""The demo program: a spring network with applications from the demo members."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from natverk.accounts.demo import DemoWorld
from natverk.accounts.models import Profile
from natverk.cohorts import generate_cohort
from natverk.programs.models import Application, Program

DEMO_PROGRAM_TITLE = "Kommunikatörer och analytiker möts – våren 2027"


@transaction.atomic
def load_demo_program(world: DemoWorld, *, applicants: int = 64, seed: int = 2027) -> Program:
    """Create (or find) the demo program with accepted applications; idempotent."""
    program = Program.objects.filter(
        organisation=world.organisation, title=DEMO_PROGRAM_TITLE
    ).first()
    if program is not None:
        return program
    program = Program.objects.create(
        organisation=world.organisation,
        title=DEMO_PROGRAM_TITLE,
        theme="Yrkesliknande, branscholika nätverksgrupper",
        description=(
            "Sex digitala träffar på 90 minuter under fyra månader, i grupper om 6–8 "
            "med liknande yrken från olika branscher."
        ),
        status=Program.Status.INTAKE,
        first_meeting_on=timezone.localdate() + dt.timedelta(days=21),
        created_by=world.leader,
        # What the catalogue shows.
        purpose="Lär av kollegor i samma yrke som möter andra branschers frågor.",
        audience="Kommunikatörer och analytiker i alla branscher",
        audience_professions="2432, 2511",
        capacity=70,
        application_deadline=timezone.localdate() + dt.timedelta(days=14),
    )
    # The cohort's answers (hopes, offers, times) go with the demo members' profiles.
    answers = generate_cohort(applicants, seed=seed + 7)
    profiles = list(
        Profile.objects.select_related("user")
        .filter(
            user__memberships__organisation=world.organisation, user__memberships__role="member"
        )
        .exclude(profession="")
        .order_by("user__email")[:applicants]
    )
    Application.objects.bulk_create(
        Application(
            program=program,
            user=p.user,
            name=p.user.name,
            email=p.user.email,
            profession=p.profession,
            industry=p.industry,
            employer=p.employer,
            region=p.region,
            seniority=p.seniority,
            languages=p.languages,
            hopes=a.hopes,
            offers=a.offers,
            availability=",".join(sorted(a.availability)),
            status=Application.Status.ACCEPTED if k % 8 else Application.Status.SUBMITTED,
        )
        for k, (p, a) in enumerate(zip(profiles, answers, strict=False))
    )
    return program
