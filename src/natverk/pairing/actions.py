"""Every change to colleague pairing goes through one of these named functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from natverk.accounts.models import Organisation, User
from natverk.formats.employees import Employee
from natverk.pairing import mails, rounds
from natverk.pairing.models import MeetupMember, PairingProgram, Participant, Round

MAIL_LANGUAGES = ("sv", "da", "en")


class PairingError(ValueError):
    """An action the program's state does not allow; the text says why."""


# Programs ----------------------------------------------------------------------------


@transaction.atomic
def create_program(organisation: Organisation, *, by: User, **fields: object) -> PairingProgram:
    """Create a pairing program (rounds start on its first round date)."""
    program = PairingProgram(organisation=organisation, created_by=by, **fields)
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def update_program(program: PairingProgram, **fields: object) -> PairingProgram:
    """Change a program's settings after validating them all."""
    for name, value in fields.items():
        setattr(program, name, value)
    program.full_clean()
    program.save(update_fields=list(fields))
    return program


def make_round_now(program: PairingProgram, *, today: dt.date) -> Round:
    """Make a regular round today, ahead of the schedule (the next follows a cadence on)."""
    made = rounds.make_round(program.pk, today)
    if made is None:
        if program.rounds.filter(due_on=today).exists():
            raise PairingError(_("A round was already made today."))
        raise PairingError(_("At least two people must take part before a round can be made."))
    return made


# People from the HR list --------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What an import did: people added and updated, rows outside the program, and
    people not on a complete list who left the program."""

    added: int
    updated: int
    outside: int
    left: int = 0


class ImportRefusedError(ValueError):
    """Rows the database would refuse (too long, implausible); nothing was imported."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def _mail_language(employee: Employee, user: User | None, organisation: Organisation) -> str:
    if user is not None:
        return user.preferred_language
    for code in employee.languages:
        if code in MAIL_LANGUAGES:
            return code
    return "da" if organisation.country == "DK" else "sv"


def _in_scope(program: PairingProgram, employee: Employee) -> bool:
    if program.scope == PairingProgram.Scope.DEPARTMENTS:
        return employee.department in program.departments
    if program.scope == PairingProgram.Scope.LOCATIONS:
        return employee.location in program.locations
    return True


def _participant(
    program: PairingProgram, employee: Employee, found: Participant | None, user: User | None
) -> Participant:
    person = found or Participant(
        program=program,
        email=employee.email,
        user=user,
        language=_mail_language(employee, user, program.organisation),
        status=(
            Participant.Status.INVITED
            if program.scope == PairingProgram.Scope.OPT_IN
            else Participant.Status.ACTIVE
        ),
    )
    person.name = employee.name
    person.department = employee.department
    person.location = employee.location
    person.start_date = employee.start_date
    if employee.role:
        person.role = employee.role
    if employee.languages:
        person.languages = ", ".join(employee.languages)
    return person


UPDATED_FIELDS = ["name", "department", "location", "start_date", "role", "languages"]


@transaction.atomic
def import_employees(
    program: PairingProgram,
    employees: Sequence[Employee],
    *,
    tell: bool = True,
    complete: bool = False,
) -> ImportResult:
    """Add the people of an HR list (all or nothing); people already in the program (by
    e-mail) get their department, location, role and start date updated and keep their
    own choices. New people are told by e-mail that they take part, or invited (the
    demo's earlier rounds pass ``tell=False``). A ``complete`` list is everyone: people
    of the program not on it have left the company and leave the program (no e-mail)."""
    known = {p.email: p for p in program.participants.all()}
    users = {u.email: u for u in User.objects.filter(email__in=[e.email for e in employees])}
    # The file's own row numbers (blank lines and XLSX title rows included), else the
    # position after a header row.
    rows = [(e.row or k + 2, e) for k, e in enumerate(employees) if _in_scope(program, e)]
    people = [_participant(program, e, known.get(e.email), users.get(e.email)) for _, e in rows]
    problems = []
    first_row: dict[str, int] = {}
    for row, employee in rows:
        if employee.email in first_row:
            problems.append(
                _("Row %(row)s: %(email)s is also on row %(other)s.")
                % {"row": row, "email": employee.email, "other": first_row[employee.email]}
            )
        first_row.setdefault(employee.email, row)
    for (row, _employee), person in zip(rows, people, strict=True):
        try:
            # The program and account are known to exist: no query per row for them.
            person.full_clean(
                exclude=["program", "user"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            problems += [
                _("Row %(row)s: %(problem)s") % {"row": row, "problem": message}
                for message in exc.messages
            ]
    if problems:
        raise ImportRefusedError(problems)
    old = [p for p in people if p.pk is not None]
    new = [p for p in people if p.pk is None]
    Participant.objects.bulk_update(old, UPDATED_FIELDS, batch_size=1000)
    Participant.objects.bulk_create(new, batch_size=1000)
    for person in new if tell else ():
        mails.welcome(person, invited=person.status == Participant.Status.INVITED)
    gone = 0
    if complete:
        listed = {e.email for e in employees}
        gone = (
            program.participants.exclude(status=Participant.Status.LEFT)
            .exclude(email__in=listed)
            .update(status=Participant.Status.LEFT, skip_next=False)
        )
    return ImportResult(len(new), len(old), len(employees) - len(rows), gone)


# People joining from the link -----------------------------------------------------------


@transaction.atomic
def join_program(program: PairingProgram, *, today: dt.date, **fields: str) -> Participant:
    """Someone asks to join from the program's link: they confirm by e-mail first (an
    address already in the program gets the same e-mail, so nothing is revealed)."""
    email = fields["email"].strip().lower()
    person = program.participants.filter(email=email).first()
    if person is None:
        person = Participant(program=program, status=Participant.Status.PENDING, **fields)
        person.email = email
        person.user = User.objects.filter(email=email).first()
        person.full_clean(validate_unique=False)
        person.save()
    mails.confirm_join(person, today=today)
    return person


# What a person decides about their own part ----------------------------------------------


def _set(person: Participant, **fields: object) -> Participant:
    for name, value in fields.items():
        setattr(person, name, value)
    person.full_clean(validate_unique=False)
    person.save(update_fields=list(fields))
    return person


@transaction.atomic
def take_part(person: Participant) -> Participant:
    """Join (invited, confirming the address, or coming back after leaving) or resume."""
    return _set(person, status=Participant.Status.ACTIVE)


@transaction.atomic
def pause(person: Participant) -> Participant:
    """No rounds until the person resumes."""
    if person.status != Participant.Status.ACTIVE:
        raise PairingError(_("Only someone taking part can pause."))
    return _set(person, status=Participant.Status.PAUSED)


@transaction.atomic
def skip_next_round(person: Participant, skip: bool = True) -> Participant:
    """Leave out (or put back) the person in the next regular round only."""
    return _set(person, skip_next=skip)


@transaction.atomic
def leave(person: Participant) -> Participant:
    """No more rounds or e-mails, except the answer to coming back."""
    return _set(person, status=Participant.Status.LEFT, skip_next=False)


@transaction.atomic
def set_wishes(person: Participant, **fields: object) -> Participant:
    """Departments the person is curious about, what they offer and hope for, and more."""
    return _set(person, **fields)


@transaction.atomic
def send_new_link(person: Participant, *, today: dt.date) -> None:
    """Mail a person whose link expired a fresh one, to the address in the program only
    (so an old link opens nothing for anyone else; at most one such mail a day)."""
    mails.new_link(person, today=today)


@transaction.atomic
def check_in(member: MeetupMember, answer: str) -> MeetupMember:
    """Record whether the person's meetup took place; the same answer again changes
    nothing (a link used twice), a different one replaces it."""
    if answer not in MeetupMember.Answer.values:
        raise PairingError(_("Answer whether you met or not."))
    if member.answer == answer:
        return member
    member.answer = answer
    member.answered_at = timezone.now()
    member.full_clean(validate_unique=False, validate_constraints=False)
    member.save(update_fields=["answer", "answered_at"])
    return member
