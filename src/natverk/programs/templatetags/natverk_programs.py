"""Dashboard panels of programs: a leader's programs and a member's groups."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from natverk.accounts.models import Organisation, User
from natverk.programs.access import groups_of
from natverk.programs.models import Group, Placement, Program
from natverk.site.fragments import digest_of
from natverk.taxonomy import label

register = template.Library()

#: Upcoming meetings shown per group on a member's page.
UPCOMING_SHOWN = 6


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
    # Three lean queries however many groups: the groups, who is in them (only the
    # columns shown), the upcoming meetings. Rows, not model instances: this is the page
    # members open most.
    groups = list(
        groups_of(user, organisation).values("pk", "number", "video_url", "program__title")
    )
    ids = [g["pk"] for g in groups]
    others: dict[int, list[dict[str, str]]] = {pk: [] for pk in ids}
    placed = (
        Placement.objects.filter(group_id__in=ids, application__status="accepted")
        .exclude(application__user=user)
        .order_by("id")
        .values_list(
            "group_id",
            "application__name",
            "application__profession",
            "application__industry",
            "application__offers",
        )
    )
    for group_id, name, profession, industry, offers in placed:
        others[group_id].append(
            {
                "name": name,
                "profession": label("occupation", profession, lang),
                "industry": label("industry", industry, lang),
                "offers": offers,
            }
        )
    meetings: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    meeting = Group._meta.get_field("meetings").related_model  # no import upwards
    assert not isinstance(meeting, str)
    upcoming = meeting._default_manager.filter(
        group_id__in=ids, ends_at__gte=timezone.now(), cancelled_at__isnull=True
    ).order_by("starts_at")
    for row in upcoming.values("pk", "group_id", "starts_at", "theme"):
        if len(meetings[row["group_id"]]) < UPCOMING_SHOWN:
            meetings[row["group_id"]].append(row)
    zone = timezone.get_current_timezone_name()
    panels = []
    for g in groups:
        shown = (g, others[g["pk"]], meetings[g["pk"]], organisation.slug, lang, zone)
        panels.append(
            {
                "group": g,
                "others": others[g["pk"]],
                "meetings": meetings[g["pk"]],
                "digest": digest_of(shown),  # the panel is rendered once per content
            }
        )
    return {"panels": panels, "organisation": organisation}
