"""Every change to feedback: opening surveys, inviting people, answering, own questions."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Mapping, Sequence

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from natverk.accounts.models import Organisation, User
from natverk.feedback.models import Invitation, Kind, Question, Response, Survey
from natverk.feedback.questions import clean_answers, goal_scores, questions_of, with_goals
from natverk.meetings.models import Meeting
from natverk.outbox.actions import Mail, queue_mail
from natverk.programs.models import Application, Goal, Placement, Program
from natverk.taxonomy import UnknownCodeError, industry

#: How long a survey stays open for answers.
OPEN_DAYS = 14


class FeedbackError(ValueError):
    """An answer or change that cannot be made; the text says why."""


def token_hash(token: str) -> str:
    """The stored form of an invitation token (only the hash is kept)."""
    return hashlib.sha256(token.encode()).hexdigest()


def open_survey(program: Program, kind: str, meeting: Meeting | None = None) -> Survey:
    """The program's survey of this kind (for this meeting), opened once."""
    today = timezone.localdate()
    survey, _created = Survey.objects.get_or_create(
        kind=kind,
        program=program,
        meeting=meeting,
        defaults={
            "k": program.organisation.min_report_size,
            "opened_on": today,
            "closes_on": today + dt.timedelta(days=OPEN_DAYS),
        },
    )
    return survey


def _language(user: User) -> str:
    return user.preferred_language or "sv"


def _subject(survey: Survey) -> str:
    if survey.kind == Kind.PULSE and survey.meeting is not None:
        return _("How was meeting %(n)s of %(program)s?") % {
            "n": survey.meeting.number,
            "program": survey.program.title,
        }
    if survey.kind == Kind.EVALUATION:
        return _("How was %(program)s? Tell us in two minutes") % {"program": survey.program.title}
    return _("Before you go: what would have kept you in %(program)s?") % {
        "program": survey.program.title
    }


def invite(survey: Survey, user: User, *, base_url: str) -> str | None:
    """Give a person a one-time link to answer (once per survey); returns the token, or
    None when they were invited before."""
    if Invitation.objects.filter(survey=survey, user=user).exists():
        return None
    token = secrets.token_urlsafe(24)
    Invitation.objects.create(
        survey=survey, user=user, token_hash=token_hash(token), sent_on=timezone.localdate()
    )
    link = base_url.rstrip("/") + reverse("feedback:answer", kwargs={"link": token})
    with override(_language(user)):
        body = _(
            "Your answer is anonymous: it is stored without your name, and results are shown "
            "only when at least %(k)d people have answered.\n\nAnswer here (two minutes):\n%(link)s"
        ) % {"k": survey.k, "link": link}
        queue_mail(
            Mail(
                to=user.email,
                subject=_subject(survey),
                body=body,
                kind=f"natverk.feedback.{survey.kind}",
                language=_language(user),
                topic=f"program:{survey.program_id}",
                organisation_id=survey.program.organisation_id,
                user_id=user.pk,
                # A pulse after every meeting waits out a rest; the evaluation does not.
                pausable=survey.kind == Kind.PULSE,
            )
        )
    return token


def invite_all(survey: Survey, users: Iterable[User], *, base_url: str) -> int:
    """Invite several people; returns how many were new."""
    return sum(invite(survey, user, base_url=base_url) is not None for user in users)


def told_members(program: Program, group_id: int | None = None) -> list[User]:
    """Accounts of the accepted members told about a group of the program."""
    placements = Placement.objects.filter(
        group__program=program,
        application__status=Application.Status.ACCEPTED,
        application__user__isnull=False,
    ).select_related("application__user")
    if group_id is not None:
        placements = placements.filter(group_id=group_id)
    return [p.application.user for p in placements if p.application.user is not None]


def invitation_for(token: str) -> Invitation | None:
    """The invitation of a link, or None when the link is unknown."""
    return (
        Invitation.objects.select_related(
            "survey__program__organisation", "survey__meeting", "user"
        )
        .filter(token_hash=token_hash(token))
        .first()
    )


def _section(code: str) -> str:
    try:
        return industry(code).section if code else ""
    except UnknownCodeError:
        return ""


def attributes_for(survey: Survey, application: Application | None) -> dict[str, str]:
    """What insights may filter an answer by: coarse (a group number, a meeting number, a
    month, an ISCO major group, a NACE section), taken before the answer is stored."""
    placement = (
        Placement.objects.select_related("group").filter(application=application).first()
        if application is not None
        else None
    )
    return {
        "group": str(placement.group.number) if placement else "",
        "meeting": str(survey.meeting.number) if survey.meeting else "",
        "period": survey.opened_on.strftime("%Y-%m"),
        "profession": application.profession[:1] if application and application.profession else "",
        "industry": _section(application.industry) if application else "",
    }


def attributes_of(invitation: Invitation) -> dict[str, str]:
    """The attributes of the invited person's answer (their application to the program)."""
    survey = invitation.survey
    application = (
        Application.objects.filter(
            program=survey.program, user=invitation.user, placement__isnull=False
        ).first()
        or Application.objects.filter(program=survey.program, user=invitation.user).first()
    )
    return attributes_for(survey, application)


def _goal_count(invitation: Invitation) -> int:
    """How many goals the invited person wrote when they applied to the program."""
    return Goal.objects.filter(
        application__program=invitation.survey.program, application__user=invitation.user
    ).count()


def answer(token: str, data: Mapping[str, Sequence[str]]) -> Response:
    """Record an anonymous answer and use up the invitation (once, in one transaction)."""
    with transaction.atomic():
        invitation = invitation_for(token)
        if invitation is None:
            raise FeedbackError(_("This link is not valid."))
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.used_on is not None:
            raise FeedbackError(_("You have already answered. Thank you!"))
        survey = invitation.survey
        today = timezone.localdate()
        if today > survey.closes_on:
            raise FeedbackError(_("This survey has closed."))
        answers = clean_answers(questions_of(survey), data)
        if survey.kind == Kind.EVALUATION:
            answers = with_goals(answers, goal_scores(data, _goal_count(invitation)))
        if not answers:
            raise FeedbackError(_("Answer at least one question."))
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        batch = survey.responses.count() // survey.k
        response = Response.objects.create(
            survey=survey,
            day=today,
            batch=batch,
            attributes=attributes_of(invitation),
            answers=answers,
        )
        invitation.used_on = today
        invitation.save(update_fields=["used_on"])
    return response


def add_question(
    organisation: Organisation, *, kind: str, text: str, answer: str, program: Program | None
) -> Question:
    """A question of the leader's own for a program, or of the organisation's template."""
    order = Question.objects.filter(organisation=organisation, program=program, kind=kind).count()
    question = Question(
        organisation=organisation,
        program=program,
        kind=kind,
        text=text.strip(),
        answer=answer,
        order=order,
    )
    question.full_clean()
    question.save()
    return question


def remove_question(question: Question) -> None:
    """Remove a question; answers already given keep their value under its key."""
    question.delete()
