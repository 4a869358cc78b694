"""A member's own choices in their group: what they share, which e-mails they get,
pausing or leaving; and the leader offering a leaver's place to the waiting list."""

from __future__ import annotations

from collections.abc import Collection

from django.db import transaction
from django.utils import timezone

from natverk.programs import actions, notify
from natverk.programs.intake import participation_of
from natverk.programs.models import Application, GroupMember, Participation, Placement


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
    """Leave the program: the place in the group is given up (the meetings are cancelled
    in the member's calendar) and the leader sees why."""
    application = participation.application
    place = Placement.objects.filter(application=application).first()
    working = GroupMember.objects.filter(application=application).first()
    told = place.group if place is not None else working.group if working is not None else None
    actions.set_application_status(application, Application.Status.WITHDRAWN)
    participation.left_group = told
    participation.save(update_fields=["left_group"])
    return _set_state(participation, Participation.State.LEFT, reason)


@transaction.atomic
def offer_place(participation: Participation, newcomer: Application) -> GroupMember:
    """Give a leaver's place in their group to a waitlisted applicant: accepted (and told
    so at once) and put in that group, which they hear about when the leader publishes."""
    group = participation.left_group
    if participation.state != Participation.State.LEFT or group is None:
        raise SpaceError("not left")
    if participation.place_offered_to_id is not None:
        raise SpaceError("offered")
    if newcomer.program_id != group.program_id or newcomer.status != Application.Status.WAITLISTED:
        raise SpaceError("not waitlisted")
    actions.set_application_status(newcomer, Application.Status.ACCEPTED)
    place = GroupMember(group=group, application=newcomer)
    place.full_clean()
    place.save()
    participation_of(newcomer)
    participation.place_offered_to = newcomer
    participation.save(update_fields=["place_offered_to"])
    return place
