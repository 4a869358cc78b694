"""The group board: post, reply, hide (leader) or remove (author), and the daily digest."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from natverk.accounts import mail
from natverk.accounts.models import User
from natverk.programs import notify
from natverk.programs.models import Application, BoardPost, Group, Participation, Placement


class BoardError(ValueError):
    """A board change that is not allowed; the text says why."""


@transaction.atomic
def post_message(
    group: Group,
    *,
    author: User,
    text: str,
    parent: BoardPost | None = None,
    request: HttpRequest | None = None,
) -> BoardPost:
    """Post to the group's board (or reply to a post); members who want it get an e-mail."""
    if parent is not None and parent.parent_id is not None:
        parent = parent.parent  # replies stay one level deep
    post = BoardPost(group=group, author=author, text=text.strip(), parent=parent)
    post.full_clean()
    if not post.text:
        raise BoardError("empty")
    post.save()
    notify.queue_post_notifications(post, request)
    return post


def hide_post(post: BoardPost, *, by: User) -> BoardPost:
    """Hide a post from the group (the leader moderating, or its author removing it)."""
    if post.hidden_at is None:
        post.hidden_at = timezone.now()
        post.hidden_by = by
        post.save(update_fields=["hidden_at", "hidden_by"])
    return post


def restore_post(post: BoardPost) -> BoardPost:
    """Show a hidden post again (the leader undoing a moderation)."""
    post.hidden_at = None
    post.hidden_by = None
    post.save(update_fields=["hidden_at", "hidden_by"])
    return post


def _digest_posts(group_id: int, since: dt.datetime, reader_id: int) -> list[BoardPost]:
    return list(
        BoardPost.objects.select_related("author", "parent")
        .filter(group_id=group_id, created_at__gt=since, hidden_at__isnull=True, erased=False)
        .exclude(author_id=reader_id)
        .order_by("created_at")[:50]
    )


def send_digests(now: dt.datetime | None = None) -> int:
    """Send each member who chose the daily digest the posts since their last one."""
    moment = now or timezone.now()
    sent = 0
    places = (
        Placement.objects.select_related(
            "group__program__organisation", "application__user", "application__participation"
        )
        .filter(
            application__participation__notify=Participation.Notify.DIGEST,
            application__status=Application.Status.ACCEPTED,
            application__user__isnull=False,
            group__program__deleted_at__isnull=True,
        )
        .exclude(application__participation__state=Participation.State.LEFT)
    )
    for place in places:
        participation = place.application.participation
        since = participation.digest_sent_at or moment - dt.timedelta(days=1)
        posts = _digest_posts(place.group_id, since, place.application.user_id or 0)
        with transaction.atomic():
            if posts and _queue_digest(place, participation, posts, moment):
                sent += 1
            participation.digest_sent_at = moment
            participation.save(update_fields=["digest_sent_at"])
    return sent


def _queue_digest(
    place: Placement, participation: Participation, posts: list[BoardPost], moment: dt.datetime
) -> bool:
    group = place.group
    program = group.program
    to, language, user_id = notify.recipient(place.application)
    off = notify.unsubscribe_url(participation, notify.BOARD, None)
    path = reverse("programs:group", args=[program.organisation.slug, group.pk])
    queued = mail.send(
        "programs/mail/board_digest",
        {
            "posts": posts,
            "group": group,
            "program": program,
            "url": mail.absolute_url(path),
            "unsubscribe": off,
        },
        to=to,
        language=language,
        kind="natverk.programs.board_digest",
        key=f"board-digest:{participation.pk}:{moment.date().isoformat()}",
        topic=notify.topic(program.pk),
        organisation_id=program.organisation_id,
        user_id=user_id,
        headers=mail.unsubscribe_headers(off),
    )
    return queued is not None
