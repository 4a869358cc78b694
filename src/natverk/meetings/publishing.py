"""Publishing a program's groups: tell each person only what changed since last time.

The leader edits the working groups (``GroupMember``); members see what they were told
(``Placement``). Publishing compares the two, plans meetings for new groups, cancels the
meetings of dissolved groups, sends each affected person one mail (with the calendar
file that adds, updates or cancels events) and records what was told. Publishing again
with nothing changed sends nothing. Continuing groups keep their UIDs and calendar URLs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from natverk.meetings import mails
from natverk.meetings.actions import (
    MeetingError,
    cancel_meetings,
    cancellation_calendar,
    group_calendar,
    plan_meetings,
    raise_sequences,
)
from natverk.programs.grouping import live_groups
from natverk.programs.models import Application, Group, GroupMember, Placement, Program
from natverk.programs.signals import placement_withdrawn


class PublishError(ValueError):
    """Publishing is not possible now; the text says why."""


@dataclass
class PublishPlan:
    """What publishing now would do: per person, per group, and the mails it sends."""

    invited: list[tuple[Application, Group]] = field(default_factory=list)
    moved: list[tuple[Application, Group, Group]] = field(default_factory=list)
    removed: list[tuple[Application, Group]] = field(default_factory=list)
    new_groups: list[Group] = field(default_factory=list)
    dissolved: list[tuple[Group, list[Application]]] = field(default_factory=list)
    updated: list[Group] = field(default_factory=list)
    roster: dict[int, tuple[Group, list[str], list[str]]] = field(default_factory=dict)
    continuing: list[tuple[Application, Group]] = field(default_factory=list)
    unassigned: int = 0

    @property
    def mails(self) -> int:
        """How many e-mails publishing sends."""
        continuing = self._continuing_members()
        return (
            len(self.invited)
            + len(self.moved)
            + len(self.removed)
            + sum(len(members) for _g, members in self.dissolved)
            + sum(len(continuing[g.pk]) for g in self.updated)
            + sum(len(continuing[pk]) for pk in self.roster if pk not in self._updated_ids())
        )

    @property
    def empty(self) -> bool:
        """Nothing to tell anyone."""
        return self.mails == 0 and not self.new_groups and not self.dissolved

    def _updated_ids(self) -> set[int]:
        return {g.pk for g in self.updated}

    def _continuing_members(self) -> dict[int, list[Application]]:
        members: dict[int, list[Application]] = defaultdict(list)
        for application, group in self.continuing:
            members[group.pk].append(application)
        return members


def plan_publishing(program: Program) -> PublishPlan:
    """Compare the working groups with what members were told."""
    plan = PublishPlan()
    groups = live_groups(program)
    working = {m.application_id: g for g in groups for m in g.members.all()}
    accepted = {
        a.pk: a
        for a in program.applications.filter(status=Application.Status.ACCEPTED).select_related(
            "user", "program__organisation"
        )
    }
    told = {
        p.application_id: p.group
        for p in Placement.objects.filter(group__program=program).select_related("group")
    }
    joined: dict[int, list[str]] = defaultdict(list)
    left: dict[int, list[str]] = defaultdict(list)
    for app_id, application in accepted.items():
        before, after = told.get(app_id), working.get(app_id)
        if after is None:
            plan.unassigned += 1
            if before is not None:
                plan.removed.append((application, before))
                left[before.pk].append(application.name)
        elif before is None:
            plan.invited.append((application, after))
            joined[after.pk].append(application.name)
        elif before.pk != after.pk:
            plan.moved.append((application, before, after))
            left[before.pk].append(application.name)
            joined[after.pk].append(application.name)
        else:
            plan.continuing.append((application, after))
    plan.new_groups = [g for g in groups if g.published_at is None and g.members.all()]
    plan.updated = [
        g for g in groups if g.published_at is not None and g.video_url != g.published_video_url
    ]
    emptied = [g for g in groups if g.published_at is not None and not g.members.all()]
    dissolved = list(program.groups.filter(dissolved_at__isnull=False, published_at__isnull=False))
    for group in dissolved + emptied:
        if group.meetings.filter(cancelled_at__isnull=True, ends_at__gte=timezone.now()).exists():
            holders = [accepted[a] for a, g in told.items() if g.pk == group.pk and a in accepted]
            plan.dissolved.append((group, holders))
    for group in groups:
        if group.published_at is not None and (joined[group.pk] or left[group.pk]):
            plan.roster[group.pk] = (group, joined[group.pk], left[group.pk])
    return plan


def _others(group: Group, application: Application) -> list[str]:
    return [
        m.application.name
        for m in GroupMember.objects.filter(group=group).select_related("application")
        if m.application_id != application.pk and not m.application.erased
    ]


def _tell_groups(plan: PublishPlan, now: object) -> None:
    for group in plan.new_groups:
        plan_meetings(group)
    for group, holders in plan.dissolved:
        if group.dissolved_at is None:
            group.dissolved_at = timezone.now()
            group.save(update_fields=["dissolved_at"])
        cancel_meetings(group)
        cancel = cancellation_calendar(group)
        for application in holders:
            mails.dissolved(application, group, cancel)
            Placement.objects.filter(application=application, group=group).delete()


def _tell_people(plan: PublishPlan, now: object) -> None:
    for application, group in plan.invited:
        mails.invitation(application, group, _others(group, application), group_calendar(group))
        Placement.objects.update_or_create(
            application=application, defaults={"group": group, "published_at": now}
        )
    for application, old, new in plan.moved:
        mails.moved(
            application,
            old,
            new,
            _others(new, application),
            group_calendar(new),
            cancellation_calendar(old),
        )
        Placement.objects.filter(application=application).update(group=new, published_at=now)
    for application, group in plan.removed:
        mails.removed(application, group, cancellation_calendar(group))
        Placement.objects.filter(application=application).delete()


def _tell_continuing(plan: PublishPlan) -> None:
    members = plan._continuing_members()
    updated = {g.pk for g in plan.updated}
    for group in plan.updated:
        raise_sequences(group)
        calendar = group_calendar(group)
        for application in members[group.pk]:
            mails.updated(application, group, calendar)
    for pk, (group, joined, left) in plan.roster.items():
        if pk in updated:
            continue
        for application in members[pk]:
            mails.roster_changed(application, group, joined, left)


@dataclass(frozen=True)
class Published:
    """What publishing did."""

    mails: int
    new_groups: int
    dissolved: int


def publish_changes(program: Program, *, expected_mails: int | None = None) -> Published:
    """Publish the working groups: tell each affected person what changed, once.

    ``expected_mails`` is the count the leader confirmed; when the groups changed in the
    meantime the count differs and nothing is sent (the leader is shown the new plan).
    """
    with transaction.atomic():
        program = Program.objects.select_for_update().get(pk=program.pk)
        plan = plan_publishing(program)
        if not live_groups(program):
            raise PublishError(_("Run the matching before publishing."))
        if expected_mails is not None and expected_mails != plan.mails:
            raise PublishError(
                _("The groups changed while you were looking. Check the new summary and publish.")
            )
        now = timezone.now()
        try:
            _tell_groups(plan, now)
        except MeetingError as exc:
            raise PublishError(str(exc)) from exc
        _tell_people(plan, now)
        _tell_continuing(plan)
        for group in live_groups(program):
            if group.members.exists():
                group.published_at = group.published_at or now
                group.published_video_url = group.video_url
                group.save(update_fields=["published_at", "published_video_url"])
        program.published_at = program.published_at or now
        if program.status in (Program.Status.DRAFT, Program.Status.INTAKE, Program.Status.MATCHING):
            program.status = Program.Status.PUBLISHED
        program.save(update_fields=["published_at", "status"])
    return Published(plan.mails, len(plan.new_groups), len(plan.dissolved))


@receiver(placement_withdrawn)
def _tell_withdrawn(
    sender: object, application: Application, group: Group, **kwargs: object
) -> None:
    """A member who lost their place (declined, waitlisted, left) gets the cancellation."""
    mails.removed(application, group, cancellation_calendar(group))
