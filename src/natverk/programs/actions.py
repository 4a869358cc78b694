"""Every change to programs goes through one of these named functions."""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from natverk.accounts.models import Organisation, User
from natverk.matching import GroupEditor
from natverk.matching.affinity import AffinityModel, build_affinity
from natverk.programs import notify
from natverk.programs.intake import submit_application  # noqa: F401  (moved; re-exported)
from natverk.programs.models import (
    Application,
    Group,
    GroupMember,
    IntakeQuestion,
    InterviewNote,
    MatchingRun,
    Program,
)


class ProgramError(ValueError):
    """An action that the program's state does not allow; the text says why."""


@transaction.atomic
def create_program(organisation: Organisation, *, by: User, **fields: object) -> Program:
    """Create a program in draft."""
    program = Program(organisation=organisation, created_by=by, **fields)
    program.full_clean()
    program.save()
    return program


def open_intake(program: Program) -> Program:
    """Open the public application page."""
    if program.status not in (Program.Status.DRAFT, Program.Status.INTAKE):
        raise ProgramError(_("Intake can only be opened before matching."))
    program.status = Program.Status.INTAKE
    program.save(update_fields=["status"])
    return program


def set_application_status(application: Application, status: str) -> Application:
    """Accept, waitlist or decline an application."""
    if status not in Application.Status.values:
        raise ProgramError(_("Unknown status."))
    application.status = status
    application.save(update_fields=["status"])
    notify.queue_decision(application)  # the applicant hears the decision (accounts branch)
    return application


def add_note(application: Application, *, by: User, text: str) -> InterviewNote:
    """Add a pre-interview note (visible to the program's leaders only)."""
    return InterviewNote.objects.create(application=application, author=by, text=text)


def accepted(program: Program) -> list[Application]:
    """The accepted applications in a stable order."""
    return list(program.applications.filter(status=Application.Status.ACCEPTED).order_by("id"))


def affinity_for(program: Program, applications: Sequence[Application]) -> AffinityModel:
    """The affinity model of a program's accepted applicants."""
    return build_affinity([a.to_applicant() for a in applications])


@transaction.atomic
def start_matching_run(
    program: Program, *, by: User, time_limit: float | None = None
) -> MatchingRun:
    """Queue a new matching run (earlier runs stay as they are)."""
    count = len(accepted(program))
    if count < program.group_min:
        raise ProgramError(
            _("Accept at least %(n)d applications before matching.") % {"n": program.group_min}
        )
    number = (program.runs.aggregate(m=Max("number"))["m"] or 0) + 1
    run = MatchingRun.objects.create(
        program=program,
        number=number,
        seed=random.SystemRandom().randrange(1, 2**31),
        time_limit=time_limit if time_limit is not None else settings.NATVERK_MATCHING_SECONDS,
        params={"size": [program.group_min, program.group_max], "accepted": count},
        created_by=by,
    )
    if program.status in (Program.Status.DRAFT, Program.Status.INTAKE):
        program.status = Program.Status.MATCHING
        program.save(update_fields=["status"])
    from natverk.programs.tasks import run_matching

    # The queue lives in the same database: the task and the run commit together.
    run_matching.enqueue(run.pk)
    return run


@transaction.atomic
def apply_run_result(run: MatchingRun) -> list[Group]:
    """Replace the program's unlocked groups with the run's groups (locked ones stay)."""
    program = run.program
    locked = {g.number: g for g in program.groups.filter(locked=True)}
    program.groups.filter(locked=False).delete()
    groups: list[Group] = []
    for number, members in enumerate(run.result, start=1):
        if number in locked:
            groups.append(locked[number])
            continue
        group = Group.objects.create(program=program, run=run, number=number)
        GroupMember.objects.bulk_create(
            GroupMember(group=group, application_id=app_id) for app_id in members
        )
        groups.append(group)
    return groups


def _editor(program: Program) -> tuple[GroupEditor, list[Group], dict[int, int], AffinityModel]:
    groups = list(program.groups.prefetch_related("members"))
    applications = accepted(program)
    index = {a.pk: k for k, a in enumerate(applications)}
    model = affinity_for(program, applications)
    members = [
        [index[m.application_id] for m in g.members.all() if m.application_id in index]
        for g in groups
    ]
    editor = GroupEditor(model.problem((program.group_min, program.group_max)), members)
    return editor, groups, index, model


def _problems(
    program: Program, editor: GroupEditor, model: AffinityModel, applications: list[Application]
) -> list[str]:
    """What the editor's groups would break, in the reader's language."""
    problems: list[str] = []
    forbidden = set(model.forbidden)
    for number, members in enumerate(editor.groups, start=1):
        if not program.group_min <= len(members) <= program.group_max:
            problems.append(
                _("Group %(n)d would have %(s)d members (allowed %(lo)d–%(hi)d).")
                % {"n": number, "s": len(members), "lo": program.group_min, "hi": program.group_max}
            )
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (min(i, j), max(i, j)) in forbidden:
                    problems.append(
                        _(
                            "%(a)s and %(b)s should not share a group (same employer, no common "
                            "language or a declared conflict)."
                        )
                        % {"a": applications[i].name, "b": applications[j].name}
                    )
        if members:
            common = int(np.bitwise_and.reduce(model.availability[members]))
            if common == 0:
                problems.append(
                    _("Group %(n)d would have no meeting time that suits everyone.") % {"n": number}
                )
    return problems


def preview_change(
    program: Program,
    member: Application,
    *,
    group: Group | None = None,
    other: Application | None = None,
) -> tuple[float, list[str]]:
    """The change in score of moving ``member`` to ``group`` (or swapping it with
    ``other``), and what the change would break."""
    editor, groups, index, model = _editor(program)
    applications = accepted(program)
    if member.pk not in index or (other is not None and other.pk not in index):
        raise ProgramError(_("Only accepted members in a group can be moved."))
    if other is not None:
        delta = editor.delta_swap(index[member.pk], index[other.pk])
        editor.swap(index[member.pk], index[other.pk])
    else:
        assert group is not None
        target = [g.pk for g in groups].index(group.pk)
        delta = editor.delta_move(index[member.pk], target)
        editor.move(index[member.pk], target)
    return float(delta), _problems(program, editor, model, applications)


@transaction.atomic
def move_member(program: Program, application: Application, group: Group) -> None:
    """Move an accepted applicant to another (unlocked) group of the program."""
    membership = GroupMember.objects.select_related("group").get(application=application)
    if membership.group.locked or group.locked:
        raise ProgramError(_("Unlock the group before changing its members."))
    if group.program_id != program.pk:
        raise ProgramError(_("That group belongs to another program."))
    _delta, problems = preview_change(program, application, group=group)
    if problems:
        raise ProgramError(problems[0])
    membership.group = group
    membership.save(update_fields=["group"])


@transaction.atomic
def swap_members(program: Program, first: Application, second: Application) -> None:
    """Swap two members between their groups."""
    a = GroupMember.objects.select_related("group").get(application=first)
    b = GroupMember.objects.select_related("group").get(application=second)
    if a.group.locked or b.group.locked:
        raise ProgramError(_("Unlock the group before changing its members."))
    _delta, problems = preview_change(program, first, other=second)
    if problems:
        raise ProgramError(problems[0])
    a.group, b.group = b.group, a.group
    a.save(update_fields=["group"])
    b.save(update_fields=["group"])


def add_question(program: Program, text: str) -> IntakeQuestion:
    """Add one of the leader's own questions to the application page."""
    order = program.questions.count()
    question = IntakeQuestion(program=program, text=text.strip(), order=order)
    question.full_clean()
    question.save()
    return question


def set_video_link(group: Group, url: str) -> Group:
    """Set the group's video meeting link (Zoom, Teams, Jitsi, ...)."""
    group.video_url = url.strip()
    group.full_clean(exclude=["program", "run"])
    group.save(update_fields=["video_url"])
    return group


def set_locked(group: Group, locked: bool) -> Group:
    """Lock a group so that re-running the matching keeps it, or unlock it."""
    group.locked = locked
    group.save(update_fields=["locked"])
    return group


@transaction.atomic
def publish_groups(program: Program, *, by: User) -> int:
    """Publish the groups: plan every group's meetings and e-mail the members.

    Returns the number of invitations sent.
    """
    from natverk.meetings.actions import group_calendar, plan_meetings

    groups = list(program.groups.prefetch_related("members__application"))
    if not groups:
        raise ProgramError(_("Run the matching before publishing."))
    program.status = Program.Status.RUNNING
    program.published_at = timezone.now()
    program.save(update_fields=["status", "published_at"])
    sent = 0
    for group in groups:
        plan_meetings(group)
        calendar = group_calendar(group)
        for member in group.members.all():
            application = member.application
            user = application.user
            language = user.preferred_language if user else "sv"
            with override(language):
                subject = _("Your group in %(program)s") % {"program": program.title}
                others = ", ".join(
                    m.application.name for m in group.members.all() if m.pk != member.pk
                )
                body = _(
                    "Welcome to group %(number)s of %(program)s.\n\n"
                    "Your group: %(others)s.\n\n"
                    "The meetings are in the attached calendar file."
                ) % {"number": group.number, "program": program.title, "others": others}
            message = EmailMessage(subject, body, to=[application.email])
            message.attach(f"natverk-group-{group.number}.ics", calendar, "text/calendar")
            message.send()
            sent += 1
    return sent
