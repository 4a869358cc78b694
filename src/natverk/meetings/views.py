"""Meeting pages: a group's calendar file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from natverk.meetings.actions import group_calendar
from natverk.programs.access import get_group_for_member


@login_required
def calendar(request: HttpRequest, slug: str, group_id: int) -> HttpResponse:
    """The group's meeting series as an .ics file (members and leaders)."""
    group = get_group_for_member(request.user, slug, group_id)
    response = HttpResponse(group_calendar(group), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="natverk-group-{group.number}.ics"'
    return response
