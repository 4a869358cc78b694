"""Dashboard panels of programs: a leader's programs and a member's groups."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language

from natverk.accounts.models import Organisation, User
from natverk.programs.access import groups_of
from natverk.programs.models import Group, GroupMember, Program
from natverk.taxonomy import UnknownCodeError, industry, occupation

register = template.Library()


@register.inclusion_tag("programs/_leader_panel.html")
def leader_programs(organisation: Organisation) -> dict[str, Any]:
    """The organisation's programs, newest first."""
    programs = Program.objects.filter(organisation=organisation)[:8]
    return {"organisation": organisation, "programs": programs}


def _label(kind: str, code: str, lang: str) -> str:
    try:
        return occupation(code).label(lang) if kind == "isco" else industry(code[:2]).label(lang)
    except UnknownCodeError:
        return code


@register.inclusion_tag("programs/_member_panel.html")
def member_groups(user: User, organisation: Organisation) -> dict[str, Any]:
    """The member's published groups: the others' profession, industry and offers, and
    the upcoming meetings."""
    lang = get_language() or "sv"
    # Three queries however many groups: the groups, their members, their next meetings.
    meeting = Group._meta.get_field("meetings").related_model  # no import upwards
    assert not isinstance(meeting, str)
    meetings = meeting._default_manager
    groups = groups_of(user, organisation).prefetch_related(
        Prefetch("members", GroupMember.objects.select_related("application").order_by("id")),
        Prefetch(
            "meetings",
            meetings.filter(ends_at__gte=timezone.now()).order_by("starts_at")[:6],
            to_attr="upcoming",
        ),
    )
    panels = []
    for group in groups:
        others = [
            {
                "name": m.application.name,
                "profession": _label("isco", m.application.profession, lang),
                "industry": _label("nace", m.application.industry, lang),
                "offers": m.application.offers,
            }
            for m in group.members.all()
            if m.application.user_id != user.pk
        ]
        panels.append(
            {
                "group": group,
                "others": others,
                "meetings": group.upcoming,
            }
        )
    return {"panels": panels, "organisation": organisation}
