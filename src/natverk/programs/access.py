"""The only ways to load programs and what hangs under them; 404 for anyone else."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from natverk.accounts.access import get_led_organisation_for, membership_for
from natverk.accounts.models import Membership, Organisation, User
from natverk.programs.models import (
    Application,
    ApplicationFile,
    BoardPost,
    Group,
    IntakeQuestion,
    MatchingRun,
    Participation,
    Placement,
    Program,
)


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


def get_file_for_leader(
    user: User | AnonymousUser, slug: str, program_id: int, file_id: int
) -> ApplicationFile:
    """A forms export uploaded to a program the person leads, or 404."""
    program = get_program_for_leader(user, slug, program_id)
    upload = program.files.filter(pk=file_id).first()
    if upload is None:
        raise Http404
    upload.program = program
    return upload


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
    groups = Group.objects.select_related("program").filter(
        pk=group_id,
        program__organisation=membership.organisation,
        program__deleted_at__isnull=True,
    )
    if not membership.leads:  # one query: the group, if the person was told they are in it
        groups = groups.filter(
            placements__application__user_id=membership.user_id,
            placements__application__status="accepted",
        )
    group = groups.first()
    if group is None:
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


@dataclass(frozen=True)
class GroupSpace:
    """A group's own space as one person may use it: their place (members) or the
    leader's view; closed programs make it an alumni group, read-only for the leader."""

    group: Group
    membership: Membership
    place: Placement | None

    @property
    def alumni(self) -> bool:
        """Whether the program has ended (the group lives on for its members)."""
        return self.group.program.status == Program.Status.CLOSED

    @property
    def can_post(self) -> bool:
        """Members post; leaders too, until the program closes."""
        return self.place is not None or (self.membership.leads and not self.alumni)

    @property
    def can_moderate(self) -> bool:
        """Leaders hide and restore posts while the program runs."""
        return self.membership.leads and not self.alumni


def get_group_space_for(user: User | AnonymousUser, slug: str, group_id: int) -> GroupSpace:
    """The space of a group the person was told they are in (at the last publishing), or
    of any group of a program they lead; 404 otherwise (also after they left it)."""
    membership = membership_for(user, slug)
    group = (
        Group.objects.select_related("program", "program__organisation")
        .filter(
            pk=group_id,
            program__organisation=membership.organisation,
            program__deleted_at__isnull=True,
        )
        .first()
    )
    if group is None:
        raise Http404
    place = (
        Placement.objects.select_related("application")
        .filter(
            group=group,
            application__user=membership.user,
            application__status=Application.Status.ACCEPTED,
        )
        .first()
    )
    if place is None and not membership.leads:
        raise Http404
    return GroupSpace(group=group, membership=membership, place=place)


def get_post_in(space: GroupSpace, post_id: int) -> BoardPost:
    """A post on this group's board, or 404."""
    post = BoardPost.objects.filter(pk=post_id, group=space.group).first()
    if post is None:
        raise Http404
    return post


def get_left_participation_for_leader(
    user: User | AnonymousUser, slug: str, program_id: int, participation_id: int
) -> Participation:
    """A participation of a program the person leads, or 404."""
    program = get_program_for_leader(user, slug, program_id)
    participation = (
        Participation.objects.select_related("application", "left_group")
        .filter(pk=participation_id, application__program=program)
        .first()
    )
    if participation is None:
        raise Http404
    return participation


def get_catalogue_for(user: User | AnonymousUser, slug: str) -> Organisation:
    """An organisation whose catalogue the person may see: anyone's when it is public,
    else its members'; 404 otherwise."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    if organisation.catalogue == Organisation.Catalogue.PUBLIC:
        return organisation
    return membership_for(user, slug).organisation


def catalogue_is_public(slug: str) -> bool:
    """Whether an organisation's catalogue is open to anyone (False when there is none)."""
    return Organisation.objects.filter(slug=slug, catalogue=Organisation.Catalogue.PUBLIC).exists()
