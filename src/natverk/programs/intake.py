"""Applications from the public page: nobody takes over or rewrites another's.

A visitor who is not logged in creates a new application, which waits for its address
to be confirmed by a link (signed, expiring, used once); opening the link sets a
password (or asks an existing account to log in) and links the application to that
account. A second application from the same address changes nothing: the visitor is
told they have already applied and may ask for a link to the address, which replaces
the answers only when opened. A logged-in person applies with their account's address
and may change their own application.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from natverk.accounts import actions as accounts
from natverk.accounts import mail, tokens
from natverk.accounts.actions import NewPassword
from natverk.accounts.fields import normalise_email
from natverk.accounts.models import EmailConfirmation, User
from natverk.programs.models import Application, Goal, Participation, Program
from natverk.programs.models.goal import MOST_GOALS

__all__ = [
    "AlreadyAppliedError",
    "IntakeError",
    "NewPassword",
    "apply_by_form",
    "own_goals",
    "confirm_application",
    "participation_of",
    "read_confirmation",
    "send_change_link",
    "submit_application",
]

PURPOSE = "application"
#: Answers carried from the "already applied" page to the request for a change link.
PENDING_SALT = "natverk.programs.pending-answers"
SHARES = ("email", "phone", "linkedin")
#: The application fields a person's answers may set (never status, user or program).
ANSWER_FIELDS = (
    "name",
    "profession",
    "industry",
    "employer",
    "region",
    "seniority",
    "languages",
    "hopes",
    "offers",
    "availability",
    "answers",
)
#: The answer that carries the applicant's goals (a list of up to three texts).
GOALS = "goals"


class IntakeError(ValueError):
    """An application that cannot be taken; the text says why."""


class AlreadyAppliedError(IntakeError):
    """This address has applied to the program before; nothing was changed."""

    def __init__(self, application: Application) -> None:
        super().__init__("already applied")
        self.application = application


def participation_of(application: Application) -> Participation:
    """The member's side of an application (made with defaults for older ones)."""
    participation, _created = Participation.objects.get_or_create(application=application)
    return participation


def _set_answers(application: Application, answers: Mapping[str, Any]) -> None:
    for name in ANSWER_FIELDS:
        if name in answers:
            setattr(application, name, answers[name])


def _set_goals(application: Application, answers: Mapping[str, Any]) -> None:
    """Replace the application's goals by the answered ones (when goals were answered)."""
    if GOALS not in answers:
        return
    texts = [" ".join(str(t).split()) for t in answers[GOALS] or ()]
    texts = [t for t in texts if t][:MOST_GOALS]
    kept = {goal.number: goal for goal in application.goals.all()}
    for number, text in enumerate(texts, start=1):
        goal = kept.get(number) or Goal(application=application, number=number)
        if goal.text != text:
            goal.text, goal.progress, goal.note = text, "", ""
        goal.full_clean()
        goal.save()
    application.goals.filter(number__gt=len(texts)).delete()


def _set_shares(participation: Participation, share: Collection[str]) -> None:
    participation.share_email = "email" in share
    participation.share_phone = "phone" in share
    participation.share_linkedin = "linkedin" in share


def _own(program: Program, user: User) -> Application | None:
    return (
        Application.objects.filter(program=program)
        .filter(Q(user=user) | Q(email=user.email))
        .order_by("id")
        .first()
    )


def own_goals(program: Program, user: User) -> list[str]:
    """The goals of the person's own application to a program (empty before applying)."""
    application = _own(program, user)
    if application is None or application.user_id not in (None, user.pk):
        return []
    return [goal.text for goal in application.goals.all()]


def _link_account(application: Application, user: User) -> None:
    """Link the application to the account; the person joins the organisation and their
    profile's empty fields take the answers."""
    if application.user_id != user.pk:
        application.user = user
        application.save(update_fields=["user"])
    accounts.join_organisation(application.program.organisation, user)
    accounts.fill_profile(
        user,
        profession=application.profession,
        industry=application.industry,
        employer=application.employer,
        region=application.region,
        seniority=application.seniority,
        languages=application.languages,
    )


@transaction.atomic
def submit_application(
    program: Program,
    *,
    user: User | None,
    language: str = "sv",
    share: Collection[str] = (),
    **answers: Any,
) -> Application:
    """Record a new application, or change the logged-in person's own; never another's.

    Without ``user`` an application from an address that applied before raises
    ``AlreadyAppliedError`` and changes nothing.
    """
    email = normalise_email(str(answers.pop("email", "") or ""))
    goals = {GOALS: answers.pop(GOALS)} if GOALS in answers else {}
    if user is not None:
        email = user.email
        application = _own(program, user)
        if application is not None and application.user_id not in (None, user.pk):
            raise AlreadyAppliedError(application)
    else:
        application = Application.objects.filter(program=program, email=email).first()
        if application is not None:
            raise AlreadyAppliedError(application)
    if application is None:
        application = Application(program=program, email=email)
    _set_answers(application, answers)
    application.full_clean()
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # the same address at the same moment, from another request
        raise AlreadyAppliedError(Application.objects.get(program=program, email=email)) from None
    _set_goals(application, goals)
    participation = participation_of(application)
    participation.language = language
    _set_shares(participation, share)
    if user is not None:
        participation.email_confirmed_at = participation.email_confirmed_at or timezone.now()
        _link_account(application, user)
    participation.full_clean()
    participation.save()
    return application


def _lifetime() -> dt.timedelta:
    return dt.timedelta(hours=settings.NATVERK_CONFIRMATION_HOURS)


def _send_link(
    application: Application,
    payload: dict[str, Any],
    language: str,
    request: HttpRequest | None,
    template: str,
) -> None:
    _confirmation, token = tokens.issue(
        PURPOSE, application.email, lifetime=_lifetime(), payload=payload, language=language
    )
    url = mail.absolute_url(reverse("programs:confirm", args=[token]), request)
    mail.send(
        template,
        {
            "program": application.program,
            "name": application.name,
            "url": url,
            "hours": settings.NATVERK_CONFIRMATION_HOURS,
        },
        to=application.email,
        language=language,
        kind="natverk.programs.application_confirm",
        topic=f"program:{application.program_id}",
        organisation_id=application.program.organisation_id,
    )


@transaction.atomic
def apply_by_form(
    program: Program,
    *,
    user: User | None,
    language: str,
    share: Collection[str],
    request: HttpRequest | None = None,
    **answers: Any,
) -> Application:
    """Submit from the public page; an anonymous applicant gets the confirmation link."""
    application = submit_application(program, user=user, language=language, share=share, **answers)
    if user is None:
        _send_link(
            application,
            {"application": application.pk},
            language,
            request,
            "programs/mail/confirm_application",
        )
    return application


def pending_answers(answers: Mapping[str, Any], share: Collection[str]) -> str:
    """The answers of a refused second application, signed to go through a form."""
    return signing.dumps(
        {"answers": dict(answers), "share": sorted(share)}, salt=PENDING_SALT, compress=True
    )


def read_pending(blob: str) -> tuple[dict[str, Any], list[str]]:
    """The answers carried by ``pending_answers`` (an hour at most); IntakeError if changed."""
    try:
        data = signing.loads(blob, salt=PENDING_SALT, max_age=3600)
    except signing.BadSignature:
        raise IntakeError("pending answers") from None
    return dict(data["answers"]), [s for s in data["share"] if s in SHARES]


@transaction.atomic
def send_change_link(
    program: Program,
    answers: Mapping[str, Any],
    share: Collection[str],
    *,
    language: str,
    request: HttpRequest | None = None,
) -> None:
    """Mail the address a link that replaces its application's answers when opened."""
    email = normalise_email(str(answers.get("email", "")))
    application = Application.objects.filter(program=program, email=email).first()
    if application is None:
        raise IntakeError("no application")
    kept = {k: v for k, v in answers.items() if k in (*ANSWER_FIELDS, GOALS)}
    _send_link(
        application,
        {"application": application.pk, "answers": kept, "share": sorted(share)},
        language,
        request,
        "programs/mail/change_application",
    )


def read_confirmation(token: str) -> tuple[EmailConfirmation, Application]:
    """The confirmation and its application, if the link can still be used."""
    confirmation = tokens.read(PURPOSE, token)
    application = (
        Application.objects.select_related("program", "program__organisation", "user")
        .filter(pk=confirmation.payload.get("application"), email=confirmation.email)
        .first()
    )
    if application is None:
        raise tokens.LinkError(tokens.INVALID)
    return confirmation, application


def account_for(application: Application) -> User | None:
    """The account that has the application's address, if any."""
    return User.objects.filter(email=application.email).first()


@transaction.atomic
def confirm_application(
    confirmation: EmailConfirmation, application: Application, *, password: NewPassword | None
) -> User:
    """Use the link: the address is confirmed, changed answers replace the old ones, and
    the application is linked to the address's account (created when there is none)."""
    tokens.consume(confirmation)
    participation = participation_of(application)
    if "answers" in confirmation.payload:
        _set_answers(application, confirmation.payload["answers"])
        application.full_clean()
        application.save()
        _set_goals(application, confirmation.payload["answers"])
        _set_shares(participation, confirmation.payload.get("share", ()))
    participation.email_confirmed_at = timezone.now()
    participation.full_clean()
    participation.save()
    user = accounts.account_of_confirmed_address(
        account_for(application),
        email=application.email,
        password=password,
        language=participation.language,
    )
    if user is None:
        raise IntakeError("a password is needed")
    _link_account(application, user)
    return user
