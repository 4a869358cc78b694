"""Dashboard panel of a member's own applications (status of each, newest first)."""

from __future__ import annotations

from typing import Any

from django import template

from natverk.accounts.models import Organisation, User
from natverk.programs.models import Application

register = template.Library()


@register.inclusion_tag("programs/member/_applications.html")
def member_applications(user: User, organisation: Organisation) -> dict[str, Any]:
    """The person's applications to the organisation's programs that are not closed."""
    applications = (
        Application.objects.select_related("program")
        .filter(user=user, program__organisation=organisation)
        .exclude(program__status="closed")
        .order_by("-created_at")[:10]
    )
    return {"applications": applications}
