"""The only ways to load programs and what hangs under them; 404 for anyone else."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from natverk.accounts.access import get_led_organisation_for, membership_for
from natverk.accounts.models import Organisation, User
from natverk.programs.models import Application, Group, IntakeQuestion, MatchingRun, Program


def get_program_for_leader(user: User | AnonymousUser, slug: str, program_id: int) -> Program:
    """A program of an organisation the person leads or administers, or 404."""
    membership = get_led_organisation_for(user, slug)
    program = Program.objects.filter(pk=program_id, organisation=membership.organisation).first()
    if program is None:
        raise Http404
    program.organisation = membership.organisation  # loaded with the membership
    return program


def get_application_for_leader(
    user: User | AnonymousUser, slug: str, program_id: int, application_id: int
) -> Application:
    """An application to a program the person leads, or 404."""
    program = get_program_for_leader(user, slug, program_id)
    application = program.applications.select_related("user").filter(pk=application_id).first()
    if application is None:
        raise Http404
    application.program = program  # already loaded, with its organisation
    return application


def get_run_for_leader(
    user: User | AnonymousUser, slug: str, program_id: int, run_id: int
) -> MatchingRun:
    """A matching run of a program the person leads, or 404."""
    program = get_program_for_leader(user, slug, program_id)
    run = program.runs.filter(pk=run_id).first()
    if run is None:
        raise Http404
    return run


def get_group_for_member(user: User | AnonymousUser, slug: str, group_id: int) -> Group:
    """A published group the person belongs to, or any group of a program they lead."""
    membership = membership_for(user, slug)
    group = (
        Group.objects.select_related("program")
        .filter(
            pk=group_id,
            program__organisation=membership.organisation,
            program__deleted_at__isnull=True,
        )
        .first()
    )
    if group is None:
        raise Http404
    if membership.leads:
        return group
    told = group.placements.filter(
        application__user_id=membership.user_id, application__status="accepted"
    )
    if not told.exists():
        raise Http404
    return group


def groups_of(user: User, organisation: Organisation | None = None) -> QuerySet[Group]:
    """The groups a person was told they are in (at the last publishing), in one
    organisation if given."""
    groups = Group.objects.select_related("program", "program__organisation").filter(
        placements__application__user=user,
        placements__application__status="accepted",
        program__deleted_at__isnull=True,
    )
    if organisation is not None:
        groups = groups.filter(program__organisation=organisation)
    return groups.order_by("program__title", "number")


def get_open_program(token: str) -> Program:
    """A program whose application page is open, by its public token, or 404."""
    program = Program.objects.filter(apply_token=token, status=Program.Status.INTAKE).first()
    if program is None:
        raise Http404
    return program


def get_program_by_token(token: str) -> Program | None:
    """Any live program by its public application token (open or not), or None."""
    return Program.objects.select_related("organisation").filter(apply_token=token).first()


def get_question_for_leader(
    user: User | AnonymousUser, slug: str, program_id: int, question_id: int
) -> IntakeQuestion:
    """One of the leader's own intake questions, or 404."""
    program = get_program_for_leader(user, slug, program_id)
    question = program.questions.filter(pk=question_id).first()
    if question is None:
        raise Http404
    return question
