"""Dashboard panel of colleague pairing: the organisation's pairing programs, for HR."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count, Q

from natverk.accounts.models import Membership, Role
from natverk.pairing.models import PairingProgram, Participant

register = template.Library()


@register.inclusion_tag("pairing/_admin_panel.html")
def pairing_programs(membership: Membership) -> dict[str, Any]:
    """The pairing programs of the organisation, for its administrators only."""
    if membership.role != Role.ADMIN:
        return {"show": False}
    programs = PairingProgram.objects.filter(organisation=membership.organisation).annotate(
        n_people=Count("participants", filter=Q(participants__status=Participant.Status.ACTIVE))
    )[:6]
    return {"show": True, "organisation": membership.organisation, "programs": programs}
