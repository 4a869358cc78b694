"""Dashboard panels of programs: a leader's programs and a member's groups."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language

from natverk.accounts.models import Organisation, User
from natverk.programs.access import groups_of
from natverk.programs.models import Group, Placement, Program
from natverk.taxonomy import label

register = template.Library()


@register.inclusion_tag("programs/_leader_panel.html")
def leader_programs(organisation: Organisation) -> dict[str, Any]:
    """The organisation's programs, newest first."""
    programs = Program.objects.filter(organisation=organisation)[:8]
    return {"organisation": organisation, "programs": programs}


@register.inclusion_tag("programs/_member_panel.html")
def member_groups(user: User, organisation: Organisation) -> dict[str, Any]:
    """The member's published groups: the others' profession, industry and offers, and
    the upcoming meetings."""
    lang = get_language() or "sv"
    # Three queries however many groups: the groups, who is in them, the next meetings.
    meeting = Group._meta.get_field("meetings").related_model  # no import upwards
    assert not isinstance(meeting, str)
    upcoming = meeting._default_manager.filter(
        ends_at__gte=timezone.now(), cancelled_at__isnull=True
    ).order_by("starts_at")[:6]
    told = Placement.objects.select_related("application").filter(application__status="accepted")
    groups = groups_of(user, organisation).prefetch_related(
        Prefetch("placements", told.order_by("id"), to_attr="told"),
        Prefetch("meetings", upcoming, to_attr="upcoming"),
    )
    panels = []
    for group in groups:
        others = [
            {
                "name": p.application.name,
                "profession": label("occupation", p.application.profession, lang),
                "industry": label("industry", p.application.industry, lang),
                "offers": p.application.offers,
            }
            for p in group.told
            if p.application.user_id != user.pk
        ]
        panels.append(
            {
                "group": group,
                "others": others,
                "meetings": group.upcoming,
            }
        )
    return {"panels": panels, "organisation": organisation}
