"""The members of my groups as contacts: who they are, and how we met.

A member's groups are the ones they were told about (``programs.models.Placement``,
accepted applications only). Each fellow member becomes a record with their name,
profession and employer, "how we met" naming the program and the group, and the date
the group was published as the day we met.

Contact details (e-mail, phone, LinkedIn) come only from what each member chose to
share with their group: :func:`shared_contact_details` is the one place that reads it.
Per-field sharing is being built on the group page (branch ``accounts``:
``Participation.share_email``/``share_phone``/``share_linkedin``); until it is on main
the hook returns nothing, so no detail a member did not choose to share is ever copied.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from natverk.accounts.models import User
from natverk.formats.contacts_base import ContactRecord, ContactsFile, finish
from natverk.programs.models import Application, Group, Placement
from natverk.taxonomy import label

__all__ = ["SharedDetails", "group_records", "shared_contact_details"]


@dataclass(frozen=True)
class SharedDetails:
    """The contact details a member chose to share with their group."""

    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    linkedin_url: str = ""


def shared_contact_details(application: Application) -> SharedDetails:
    """What this member shares with their group (nothing until per-field sharing lands).

    Hook: when ``programs.models.Participation`` is on main, return
    ``application.email`` if ``share_email``, the profile's phone if ``share_phone`` and
    ``linkedin_url`` if ``share_linkedin``.
    """
    return SharedDetails()


def how_we_met(group: Group) -> str:
    """ "Communicators in energy 2027, group 3": the program and the group."""
    return _("%(program)s, group %(number)s") % {
        "program": group.program.title,
        "number": group.number,
    }


def _record(placement: Placement, lang: str) -> ContactRecord:
    application = placement.application
    shared = shared_contact_details(application)
    profile = getattr(application.user, "profile", None) if application.user else None
    employer = application.employer or (profile.employer if profile is not None else "")
    met_on = timezone.localdate(placement.published_at)
    return ContactRecord(
        name=application.name,
        emails=shared.emails,
        phones=shared.phones,
        company=employer,
        title=label("occupation", application.profession, lang),
        linkedin_url=shared.linkedin_url,
        met_on=met_on,
        how_we_met=how_we_met(placement.group),
    )


def group_records(owner: User, group: Group, lang: str) -> tuple[ContactsFile, dict[int, int]]:
    """The owner's fellow members of a group as records, and record index -> their user."""
    placements = (
        Placement.objects.filter(group=group, application__status=Application.Status.ACCEPTED)
        .exclude(application__user=owner)
        .select_related("application", "application__user", "group", "group__program")
        .order_by("application__name", "pk")
    )
    chosen = list(placements)
    found = finish("group", [_record(p, lang) for p in chosen], [])
    if len(found.records) != len(chosen):
        return found, {}
    members = {
        position: p.application.user_id
        for position, p in enumerate(chosen)
        if p.application.user_id is not None
    }
    return found, members
