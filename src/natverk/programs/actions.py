"""Every change to programs goes through one of these named functions."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from natverk.accounts.models import Organisation, User
from natverk.matching import Violation
from natverk.matching.applicant import Applicant
from natverk.programs import notify, runs, tasks
from natverk.programs.grouping import (
    PlacementError,
    accepted,
    check_placeable,
    cohort_for,
    describe,
    editor_for,
    working_groups,
)
from natverk.programs.intake import submit_application  # noqa: F401  (moved; re-exported)
from natverk.programs.models import (
    Application,
    ApplicationFile,
    Group,
    GroupMember,
    IntakeQuestion,
    InterviewNote,
    MatchingRun,
    Placement,
    Program,
)
from natverk.programs.signals import placement_withdrawn

__all__ = ["ProgramError", "accepted"]


class ProgramError(ValueError):
    """An action that the program's state does not allow; the text says why."""


# Programs ----------------------------------------------------------------------------


@transaction.atomic
def create_program(organisation: Organisation, *, by: User, **fields: object) -> Program:
    """Create a program in draft."""
    program = Program(organisation=organisation, created_by=by, **fields)
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def update_program(program: Program, **fields: object) -> Program:
    """Change a program's settings after validating them all."""
    for name, value in fields.items():
        setattr(program, name, value)
    program.full_clean()
    program.save(update_fields=list(fields))
    return program


@transaction.atomic
def delete_program(program: Program) -> Program:
    """Delete a program softly: it disappears from every page, its rows stay for the record
    (and for privacy retention to erase in time)."""
    program.deleted_at = timezone.now()
    if program.status == Program.Status.INTAKE:
        program.status = Program.Status.CLOSED
    program.save(update_fields=["deleted_at", "status"])
    return program


def open_intake(program: Program) -> Program:
    """Open the public application page."""
    if program.status not in (Program.Status.DRAFT, Program.Status.INTAKE):
        raise ProgramError(_("Intake can only be opened before matching."))
    program.status = Program.Status.INTAKE
    program.save(update_fields=["status"])
    return program


def set_application_status(application: Application, status: str) -> Application:
    """Accept, waitlist or decline an application, keeping groups and what members see
    consistent: someone who is no longer accepted leaves their group at once, and a
    member who had been told about a group gets its cancellation."""
    if status not in Application.Status.values:
        raise ProgramError(_("Unknown status."))
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        application.status = status
        application.save(update_fields=["status", "updated_at"])
        told = Placement.objects.filter(application=application).exists()
        if status != Application.Status.ACCEPTED:
            withdraw_from_group(application)
        if status == Application.Status.ACCEPTED or not told:
            # The decision by mail (once each); someone taken out of a group they were
            # told about hears it from the group's cancellation instead.
            notify.queue_decision(application)
    return application


#: How long an uploaded forms export waits for its columns to be confirmed.
FILE_KEPT = dt.timedelta(days=1)


@transaction.atomic
def upload_application_file(
    program: Program, *, by: User, data: bytes, filename: str
) -> ApplicationFile:
    """Keep an uploaded forms export until the leader confirms its columns; files
    of the program left unconfirmed for a day go."""
    forget_application_files(program)
    upload = ApplicationFile(program=program, uploaded_by=by, data=data, filename=filename[:200])
    upload.full_clean(exclude=["data"])
    upload.save()
    return upload


def forget_application_files(program: Program | None = None, now: dt.datetime | None = None) -> int:
    """Delete uploaded forms exports older than a day (of one program, or all); how many."""
    old = ApplicationFile.objects.filter(created_at__lt=(now or timezone.now()) - FILE_KEPT)
    if program is not None:
        old = old.filter(program=program)
    deleted, _kinds = old.delete()
    return deleted


@dataclass(frozen=True)
class Imported:
    """How many applications an import added, and the addresses that had applied."""

    added: int
    already: list[str]


@transaction.atomic
def import_applications(
    upload: ApplicationFile, applicants: Sequence[Applicant], *, status: str
) -> Imported:
    """Add the applicants read from an upload as applications (new or accepted; nobody is
    e-mailed), leave those whose address applied already, and delete the file."""
    if status not in (Application.Status.SUBMITTED, Application.Status.ACCEPTED):
        raise ProgramError(_("Unknown status."))
    program = upload.program
    known = set(program.applications.values_list("email", flat=True))
    added = 0
    already: list[str] = []
    for person in applicants:
        if person.email in known:
            already.append(person.email)
            continue
        application = Application(program=program, status=status, **_answers_of(person))
        try:
            application.full_clean()
        except ValidationError as exc:
            raise ProgramError(
                _("%(email)s cannot be imported: %(reason)s")
                % {"email": person.email, "reason": " ".join(exc.messages)}
            ) from None
        application.save()
        known.add(person.email)
        added += 1
    upload.delete()
    return Imported(added, already)


def _answers_of(person: Applicant) -> dict[str, str]:
    """An applicant read from a file as an application's fields."""
    return {
        "name": person.name[:150],
        "email": person.email,
        "profession": person.profession,
        "industry": person.industry,
        "employer": person.employer[:200],
        "region": person.region,
        "seniority": person.seniority,
        "languages": ",".join(person.languages),
        "hopes": person.hopes[:2000],
        "offers": person.offers[:2000],
        "availability": ",".join(sorted(person.availability)),
    }


def withdraw_from_group(application: Application) -> None:
    """Take a person out of their group (working and published) in the caller's transaction."""
    GroupMember.objects.filter(application=application).delete()
    placement = Placement.objects.select_related("group").filter(application=application).first()
    if placement is not None:
        group = placement.group
        placement.delete()
        placement_withdrawn.send(sender=Application, application=application, group=group)


def add_note(application: Application, *, by: User, text: str) -> InterviewNote:
    """Add a pre-interview note (visible to the program's leaders only)."""
    note = InterviewNote(application=application, author=by, text=text)
    note.full_clean()
    note.save()
    return note


# Matching runs -------------------------------------------------------------------------


@transaction.atomic
def start_matching_run(
    program: Program, *, by: User, time_limit: float | None = None
) -> MatchingRun:
    """Queue a new matching run (earlier runs stay as they are); refused while another
    run of the program is queued or searching, and when not everyone can be placed."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.runs.filter(status__in=[MatchingRun.Status.QUEUED, MatchingRun.Status.RUNNING]):
        raise ProgramError(_("A matching run is already under way. Wait for it to finish."))
    cohort = cohort_for(program)
    count = len(cohort)
    if count < program.group_min:
        raise ProgramError(
            _("Accept at least %(n)d applications before matching.") % {"n": program.group_min}
        )
    try:
        check_placeable(program, cohort, working_groups(program, cohort))
    except PlacementError as exc:
        raise ProgramError(str(exc)) from exc
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
    # The queue lives in the same database: the task and the run commit together.
    tasks.run_matching.enqueue(run.pk)
    return run


def retry_run(run: MatchingRun, *, by: User) -> MatchingRun:
    """Start the run again after it failed or was interrupted (a new run, same settings)."""
    if run.status not in (MatchingRun.Status.FAILED, MatchingRun.Status.INTERRUPTED):
        raise ProgramError(_("Only a failed or interrupted run can be retried."))
    return start_matching_run(run.program, by=by, time_limit=run.time_limit)


def use_run(run: MatchingRun) -> runs.Applied:
    """Make a finished run's groups the working groups (after publishing: a change that
    the leader then publishes)."""
    try:
        return runs.apply_run(run)
    except runs.RunError as exc:
        raise ProgramError(str(exc)) from exc


# The group editor ----------------------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    """The change in score of an edit and what it would newly break (empty: allowed)."""

    delta: float
    problems: list[str]


def _key(v: Violation) -> tuple[object, ...]:
    if v.kind in ("forbidden", "pinned", "fixed", "unassigned"):
        return (v.kind, v.members)
    return (v.kind, v.group)


def preview_change(
    program: Program,
    member: Application,
    *,
    group: Group | None = None,
    other: Application | None = None,
) -> Preview:
    """Score moving ``member`` to ``group`` (placing them when they are in no group), or
    swapping them with ``other``, and name what the change would newly break."""
    cohort = cohort_for(program)
    working = working_groups(program, cohort)
    if member.pk not in cohort.index or (other is not None and other.pk not in cohort.index):
        raise ProgramError(_("Only accepted applicants can be placed in groups."))
    try:
        editor = editor_for(program, cohort, working)
    except PlacementError as exc:
        raise ProgramError(str(exc)) from exc
    i = cohort.index[member.pk]
    before = {_key(v) for v in editor.problems()}
    for g in working.groups:
        if g.locked and (g == group or editor.group_of(i) == working.position(g)):
            raise ProgramError(_("Unlock the group before changing its members."))
    if other is not None:
        j = cohort.index[other.pk]
        if editor.group_of(i) < 0 or editor.group_of(j) < 0:
            raise ProgramError(_("Place both people in groups before swapping them."))
        if working.groups[editor.group_of(j)].locked:
            raise ProgramError(_("Unlock the group before changing its members."))
        delta = editor.delta_swap(i, j)
        editor.swap(i, j)
    elif group is not None:
        target = working.position(group)
        delta = editor.delta_move(i, target)
        editor.move(i, target)
    else:
        raise ProgramError(_("Choose a group or a person to swap with."))
    new = [v for v in editor.problems() if _key(v) not in before and v.kind != "unassigned"]
    return Preview(float(delta), [describe(v, program, cohort, working) for v in new])


@transaction.atomic
def move_member(program: Program, application: Application, group: Group) -> None:
    """Move an accepted applicant to another (unlocked) group, or place them in one."""
    if group.program_id != program.pk or group.dissolved_at is not None:
        raise ProgramError(_("That group belongs to another program."))
    preview = preview_change(program, application, group=group)
    if preview.problems:
        raise ProgramError(preview.problems[0])
    GroupMember.objects.update_or_create(application=application, defaults={"group": group})


@transaction.atomic
def swap_members(program: Program, first: Application, second: Application) -> None:
    """Swap two members between their groups."""
    preview = preview_change(program, first, other=second)
    if preview.problems:
        raise ProgramError(preview.problems[0])
    a = GroupMember.objects.select_related("group").get(application=first)
    b = GroupMember.objects.select_related("group").get(application=second)
    a.group, b.group = b.group, a.group
    a.save(update_fields=["group"])
    b.save(update_fields=["group"])


# Questions, video links, locks ---------------------------------------------------------


def add_question(program: Program, text: str) -> IntakeQuestion:
    """Add one of the leader's own questions to the application page."""
    order = (program.questions.aggregate(m=Max("order"))["m"] or 0) + 1
    question = IntakeQuestion(program=program, text=text.strip(), order=order)
    question.full_clean()
    question.save()
    return question


def update_question(question: IntakeQuestion, text: str) -> IntakeQuestion:
    """Reword a question (answers already given stay with it)."""
    question.text = text.strip()
    question.full_clean()
    question.save(update_fields=["text"])
    return question


def delete_question(question: IntakeQuestion) -> None:
    """Remove a question from the application page (answers given stay on applications)."""
    question.delete()


def set_video_link(group: Group, url: str) -> Group:
    """Set the group's video meeting link (Zoom, Teams, Jitsi, ...); members are told at
    the next publishing."""
    group.video_url = url.strip()
    group.full_clean(exclude=["program", "run"])
    group.save(update_fields=["video_url"])
    return group


def set_locked(group: Group, locked: bool) -> Group:
    """Lock a group so that re-running the matching keeps it, or unlock it."""
    group.locked = locked
    group.save(update_fields=["locked"])
    return group
