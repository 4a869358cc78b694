"""Member-facing e-mails of programs, in the member's language, through the outbox.

Decisions on applications, new posts on the group board (each post or a daily digest)
and the links that stop notification e-mails (List-Unsubscribe, one click). Every mail
carries the program as its topic, so the leader's mail log can list it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from natverk.accounts import mail, tokens
from natverk.accounts.models import Membership, User
from natverk.programs.models import Application, BoardPost, Group, Participation

UNSUBSCRIBE_SALT = "natverk.programs.unsubscribe"
#: What an unsubscribe link turns off.
BOARD = "board"
REMINDERS = "reminders"


def recipient(application: Application) -> tuple[str, str, int | None]:
    """Address, language and account of the person behind an application."""
    user = application.user
    participation = Participation.objects.filter(application=application).first()
    language = (
        user.preferred_language if user else (participation.language if participation else "sv")
    )
    return (user.email if user else application.email), language, (user.pk if user else None)


def topic(program_id: int) -> str:
    """The outbox topic of a program's mails (the leader's mail log filters by it)."""
    return f"program:{program_id}"


def unsubscribe_token(participation: Participation, what: str) -> str:
    """The signed token that turns off board e-mails or meeting reminders for one place."""
    return tokens.sign(UNSUBSCRIBE_SALT, {"p": participation.pk, "w": what})


def unsubscribe_url(participation: Participation, what: str, request: HttpRequest | None) -> str:
    """A link that turns off board e-mails or meeting reminders for one group place."""
    token = unsubscribe_token(participation, what)
    return mail.absolute_url(reverse("programs:unsubscribe", args=[token]), request)


def read_unsubscribe(token: str) -> tuple[Participation, str]:
    """The participation and what to turn off; LinkError when the link is not valid."""
    data = tokens.read_signed(UNSUBSCRIBE_SALT, token)
    participation = (
        Participation.objects.select_related("application__program")
        .filter(pk=tokens.signed_id(data, "p"))
        .first()
    )
    if participation is None or data.get("w") not in (BOARD, REMINDERS):
        raise tokens.LinkError(tokens.INVALID)
    return participation, str(data["w"])


def queue_decision(application: Application, request: HttpRequest | None = None) -> None:
    """Tell the applicant the leader's decision (once per decision)."""
    if application.status not in ("accepted", "waitlisted", "declined"):
        return
    to, language, user_id = recipient(application)
    program = application.program
    mail.send(
        "programs/mail/decision",
        {
            "application": application,
            "program": program,
            "status": application.status,
            "url": mail.absolute_url(reverse("accounts:dashboard"), request),
        },
        to=to,
        language=language,
        kind=f"natverk.programs.application_{application.status}",
        key=f"decision:{application.pk}:{application.status}",
        topic=topic(program.pk),
        organisation_id=program.organisation_id,
        user_id=user_id,
    )


def readers(
    group: Group, *, exclude: User | None = None, accounts_only: bool = True
) -> Iterable[tuple[Application, Participation]]:
    """The people told they are in the group who still take part (not left) and, when
    they have an account, still belong to the organisation; with ``accounts_only`` only
    those with an account."""
    organisation_id = group.program.organisation_id
    members = set(
        Membership.objects.filter(organisation_id=organisation_id).values_list("user_id", flat=True)
    )
    places = group.placements.select_related("application__user").filter(
        application__status=Application.Status.ACCEPTED
    )
    for place in places:
        application = place.application
        user = application.user
        if user is None and accounts_only:
            continue
        if user is not None and (user.pk not in members or (exclude and user.pk == exclude.pk)):
            continue
        participation, _ = Participation.objects.get_or_create(application=application)
        if participation.state == Participation.State.LEFT:
            continue
        yield application, participation


def queue_post_notifications(post: BoardPost, request: HttpRequest | None = None) -> int:
    """E-mail a new post to the group's members who want each post; returns how many."""
    group = post.group
    program = group.program
    sent = 0
    for application, participation in readers(group, exclude=post.author):
        if participation.notify != Participation.Notify.EACH:
            continue
        to, language, user_id = recipient(application)
        off = unsubscribe_url(participation, BOARD, request)
        context: dict[str, Any] = {
            "post": post,
            "group": group,
            "program": program,
            "author": post.author.name if post.author else "",
            "url": mail.absolute_url(
                reverse("programs:group", args=[program.organisation.slug, group.pk]), request
            ),
            "unsubscribe": off,
        }
        queued = mail.send(
            "programs/mail/board_post",
            context,
            to=to,
            language=language,
            kind="natverk.programs.board_post",
            key=f"board-post:{post.pk}:{application.pk}",
            topic=topic(program.pk),
            organisation_id=program.organisation_id,
            user_id=user_id,
            headers=mail.unsubscribe_headers(off),
        )
        sent += queued is not None
    return sent
