"""The leader's follow-up of a program's members: who paused or left (and offering a
leaver's place to the waiting list), and invitations to the intake."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts import ratelimit
from natverk.accounts.access import get_led_organisation_for
from natverk.accounts.forms import InviteForm
from natverk.accounts.models import Role
from natverk.accounts.views.invitations import invitation_rows, send_invitations
from natverk.programs import access, notify, space
from natverk.programs.models import Application, Participation
from natverk.site.numbers import whole_number


@login_required
def followup(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """Members who paused or left, with their reasons; the waiting list to offer places to."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    changed = (
        Participation.objects.select_related("application", "left_group", "place_offered_to")
        .filter(application__program=program)
        .exclude(state=Participation.State.ACTIVE)
        .order_by("-state_changed_at")
    )
    waitlist = program.applications.filter(status=Application.Status.WAITLISTED).order_by("id")
    return render(
        request,
        "programs/followup.html",
        {
            "program": program,
            "organisation": program.organisation,
            "changed": changed,
            "waitlist": waitlist,
        },
    )


@login_required
@require_POST
def offer_place(
    request: HttpRequest, slug: str, program_id: int, participation_id: int
) -> HttpResponse:
    """Offer a leaver's place to a waitlisted applicant (accepted and placed at once)."""
    participation = access.get_left_participation_for_leader(
        request.user, slug, program_id, participation_id
    )
    program = participation.application.program
    newcomer_id = whole_number(request.POST.get("application"))
    newcomer = program.applications.filter(pk=newcomer_id).first() if newcomer_id else None
    if newcomer is None:
        messages.error(request, _("Choose someone from the waiting list."))
        return redirect("programs:followup", slug=slug, program_id=program.pk)
    try:
        place = space.offer_place(participation, newcomer)
    except space.SpaceError:
        messages.error(
            request,
            _(
                "This place cannot be offered (it was offered already, or "
                "the person is not on the waiting list)."
            ),
        )
    else:
        messages.success(
            request,
            _(
                "%(name)s is accepted into group %(number)d and has been told by e-mail. "
                "Publish the groups to send them the group and its meetings."
            )
            % {"name": newcomer.name, "number": place.group.number},
        )
    return redirect("programs:followup", slug=slug, program_id=program.pk)


@login_required
def invite(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """Invite people straight into the program's intake, and follow those invitations."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    membership = get_led_organisation_for(request.user, slug)
    form = InviteForm(request.POST or None, request.FILES or None, roles=[Role.MEMBER])
    topic = notify.topic(program.pk)
    if request.method == "POST" and program.status != program.Status.INTAKE:
        messages.error(request, _("Open the application page first: invitations lead to it."))
    elif request.method == "POST" and form.is_valid():
        landing = reverse("programs:apply", kwargs={"token": program.apply_token})
        if not send_invitations(
            request, membership, form, topic=topic, title=program.title, landing=landing
        ):
            return ratelimit.too_many(request)
        return redirect("programs:invite", slug=slug, program_id=program.pk)
    return render(
        request,
        "programs/invite.html",
        {
            "program": program,
            "organisation": program.organisation,
            "form": form,
            "invitations": invitation_rows(program.organisation, topic),
            "invite_days": settings.NATVERK_INVITATION_DAYS,
        },
    )
