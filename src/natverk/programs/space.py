"""A member's own choices in their group: what they share, which e-mails they get,
pausing or leaving; and the leader offering a leaver's place to the waiting list."""

from __future__ import annotations

from collections.abc import Collection

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from natverk.programs import notify
from natverk.programs.intake import participation_of
from natverk.programs.models import Application, GroupMember, Participation


class SpaceError(ValueError):
    """A change the program's state does not allow; the text says why."""


def set_sharing(participation: Participation, share: Collection[str]) -> Participation:
    """Choose, per field, which contact details the group sees."""
    participation.share_email = "email" in share
    participation.share_phone = "phone" in share
    participation.share_linkedin = "linkedin" in share
    participation.full_clean()
    participation.save(update_fields=["share_email", "share_phone", "share_linkedin"])
    return participation


def set_notifications(
    participation: Participation, *, notify_posts: str, reminders: bool
) -> Participation:
    """Choose e-mails about new posts (each, daily digest, off) and meeting reminders."""
    participation.notify = notify_posts
    participation.reminders = reminders
    participation.full_clean()
    participation.save(update_fields=["notify", "reminders"])
    return participation


def unsubscribe(participation: Participation, what: str) -> Participation:
    """Turn off board e-mails or meeting reminders (the one-click link in a mail)."""
    if what == notify.REMINDERS:
        return set_notifications(participation, notify_posts=participation.notify, reminders=False)
    return set_notifications(
        participation, notify_posts=Participation.Notify.OFF, reminders=participation.reminders
    )


def _set_state(participation: Participation, state: str, reason: str) -> Participation:
    participation.state = state
    participation.reason = reason.strip()
    participation.state_changed_at = timezone.now()
    participation.full_clean()
    participation.save(update_fields=["state", "reason", "state_changed_at"])
    return participation


def pause(participation: Participation, reason: str = "") -> Participation:
    """Pause taking part: the place is kept, meeting reminders stop; the leader sees it."""
    if participation.state == Participation.State.LEFT:
        raise SpaceError("left")
    return _set_state(participation, Participation.State.PAUSED, reason)


def resume(participation: Participation) -> Participation:
    """Take part again after a pause."""
    if participation.state != Participation.State.PAUSED:
        raise SpaceError("not paused")
    return _set_state(participation, Participation.State.ACTIVE, participation.reason)


@transaction.atomic
def leave(participation: Participation, reason: str = "") -> Participation:
    """Leave the program: the place in the group is given up; the leader sees why."""
    application = participation.application
    place = GroupMember.objects.filter(application=application).first()
    if place is not None:
        participation.left_group = place.group
        participation.save(update_fields=["left_group"])
        place.delete()
    application.status = Application.Status.WITHDRAWN
    application.full_clean()
    application.save(update_fields=["status"])
    return _set_state(participation, Participation.State.LEFT, reason)


@transaction.atomic
def offer_place(
    participation: Participation, newcomer: Application, request: HttpRequest | None = None
) -> GroupMember:
    """Give a leaver's place in their group to a waitlisted applicant, told at once."""
    group = participation.left_group
    if participation.state != Participation.State.LEFT or group is None:
        raise SpaceError("not left")
    program = group.program
    if participation.place_offered_to_id is not None:
        raise SpaceError("offered")
    if newcomer.program_id != program.pk or newcomer.status != Application.Status.WAITLISTED:
        raise SpaceError("not waitlisted")
    newcomer.status = Application.Status.ACCEPTED
    newcomer.full_clean()
    newcomer.save(update_fields=["status"])
    place = GroupMember(group=group, application=newcomer)
    place.full_clean()
    place.save()
    participation_of(newcomer)
    participation.place_offered_to = newcomer
    participation.save(update_fields=["place_offered_to"])
    notify.queue_decision(newcomer, request)
    return place
