"""A short evaluation after an open event: three anonymous questions, asked by mail.

The questions are polls of the event marked ``evaluation`` (so their votes are kept as
any anonymous poll's: a salted hash, one per person, the salt forgotten on closing). When
the event has ended, each registrant gets one mail with a link to their own evaluation
page; the polls close two weeks later. The organiser sees the results only once at least
k people (the organisation's minimum reporting group) have answered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from natverk.live.access import Owner
from natverk.live.actions import LiveError
from natverk.live.actions import polls as poll_actions
from natverk.live.models import Event, Poll, Registration
from natverk.outbox.actions import Mail, queue_mail

KIND = "natverk.live.event.evaluation"
#: How long after its end an event is evaluated (then the polls close).
OPEN_FOR = dt.timedelta(days=14)
#: The questions: text (translated into the organisation's language), kind, choices.
QUESTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (gettext_noop("How valuable was the event for you?"), Poll.Kind.SCALE, ()),
    (
        gettext_noop("Would you come to an event like this again?"),
        Poll.Kind.SINGLE,
        (gettext_noop("Yes"), gettext_noop("Maybe"), gettext_noop("No")),
    ),
    (gettext_noop("One thing we could do better"), Poll.Kind.TEXT, ()),
)


def _language(event: Event) -> str:
    return "da" if event.organisation.country == "DK" else "sv"


def evaluation_polls(event: Event) -> list[Poll]:
    """The event's evaluation questions, made (and opened) the first time they are asked."""
    existing = list(Poll.objects.filter(event=event, evaluation=True).order_by("id"))
    if existing:
        return existing
    made = []
    with override(_language(event)), transaction.atomic():
        for question, kind, options in QUESTIONS:
            poll = poll_actions.create_poll(
                Owner(event=event), question=_(question), kind=kind, options=[_(o) for o in options]
            )
            poll.evaluation = True
            poll.save(update_fields=["evaluation"])
            made.append(poll_actions.open_poll(poll))
    return made


def identity_of(registration: Registration) -> str:
    """Who answers: the account when the place was taken signed in (as on the poll page),
    else the registration."""
    return f"u:{registration.user_id}" if registration.user_id else f"r:{registration.pk}"


def done(registration: Registration, poll: Poll) -> bool:
    """Whether a question is behind the registrant: answered, or closed."""
    return poll.state != Poll.State.OPEN or poll_actions.has_voted(poll, identity_of(registration))


def answer_evaluation(
    registration: Registration, answers: Mapping[int, Sequence[str]]
) -> list[Poll]:
    """Record a registrant's answers (poll id -> values); questions left empty are
    skipped, a question answered before is refused. Returns the polls answered."""
    if registration.cancelled_at is not None:
        raise LiveError(_("You gave your place back."))
    polls = Poll.objects.filter(event=registration.event, evaluation=True, pk__in=list(answers))
    chosen = [p for p in polls if any(v.strip() for v in answers[p.pk])]
    if not chosen:
        raise LiveError(_("Choose an answer first."))
    identity = identity_of(registration)
    with transaction.atomic():
        for poll in chosen:
            poll_actions.cast_vote(poll, identity, answers[poll.pk], user=registration.user)
    return chosen


def evaluation_link(registration: Registration) -> str:
    """The registrant's own evaluation page."""
    base = str(getattr(settings, "NATVERK_SITE_URL", "http://127.0.0.1:8000")).rstrip("/")
    path = reverse("live:evaluation", kwargs={"registration_token": registration.token})
    return base + path


def _ask(registration: Registration) -> bool:
    event = registration.event
    with override(registration.language):
        values = {"theme": event.theme, "link": evaluation_link(registration)}
        message = queue_mail(
            Mail(
                to=registration.email,
                subject=_("How was %(theme)s?") % values,
                body=_(
                    "Thank you for coming to %(theme)s. Three short questions, anonymous "
                    "(your answers are kept without your name): %(link)s"
                )
                % values,
                kind=KIND,
                language=registration.language,
                key=f"{KIND}:{registration.pk}",
                topic=f"event:{event.pk}",
                organisation_id=event.organisation_id,
                user_id=registration.user_id,
            )
        )
    return message is not None


def send_evaluations(now: dt.datetime | None = None) -> int:
    """Ask everyone at events that have ended (each once); close the evaluations of
    events that ended more than two weeks ago."""
    moment = now or timezone.now()
    for poll in Poll.objects.filter(
        evaluation=True, state=Poll.State.OPEN, event__ends_at__lte=moment - OPEN_FOR
    ):
        poll_actions.close_poll(poll)
    sent = 0
    ended = Event.objects.filter(
        cancelled_at__isnull=True, ends_at__lte=moment, ends_at__gt=moment - OPEN_FOR
    )
    for event in ended:
        with transaction.atomic():
            evaluation_polls(event)
            for registration in event.registrations.filter(cancelled_at__isnull=True):
                sent += _ask(registration)
    return sent


def evaluation_results(event: Event) -> tuple[int, list[tuple[Poll, poll_actions.Results]]]:
    """The minimum reporting group k, and each question's results over whole batches of
    k answers (as feedback's are), so that no figure rests on fewer than k people and no
    single answer can be learnt by watching the figures change; questions with fewer
    than k answers are left out."""
    k = event.organisation.min_report_size
    polls = Poll.objects.filter(event=event, evaluation=True).order_by("id")
    shown = [(p, poll_actions.results(p, batch=k)) for p in polls]
    return k, [(p, r) for p, r in shown if r.voters >= k]
