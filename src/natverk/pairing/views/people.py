"""The colleagues' pages, reached without logging in: join, one's own part, check-in.

The own page and the check-in open from signed links in e-mails. Opening a link
changes nothing (mail scanners open links too); the person's one click on the page
does. A changed or cut link and an expired one each get a page that says so.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from natverk.accounts import ratelimit
from natverk.pairing import access, actions, tokens
from natverk.pairing.forms import JoinForm, WishesForm
from natverk.pairing.models import Participant


def _broken(request: HttpRequest, error: Exception) -> HttpResponse:
    if isinstance(error, tokens.TokenExpiredError):
        return render(request, "pairing/link_expired.html", status=410)
    return render(request, "pairing/link_invalid.html", status=404)


def _limited(request: HttpRequest, email: str) -> bool:
    """Count a join per client and per address (the public forms' limits); True past one."""
    client_ok = ratelimit.allow(
        "pairing.join.client",
        ratelimit.client_key(request),
        limit=settings.NATVERK_APPLY_LIMIT_PER_CLIENT,
    )
    address_ok = ratelimit.allow(
        "pairing.join.address", email.lower(), limit=settings.NATVERK_APPLY_LIMIT_PER_ADDRESS
    )
    return not (client_ok and address_ok)


def join(request: HttpRequest, join_token: uuid.UUID) -> HttpResponse:
    """Join a program from its link (the address is confirmed by e-mail first)."""
    program = access.get_program_to_join(join_token)
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _limited(request, form.cleaned_data["email"]):
            return ratelimit.too_many(request)
        actions.join_program(program, today=timezone.localdate(), **form.cleaned_data)
        return render(request, "pairing/join_sent.html", {"program": program})
    return render(request, "pairing/join.html", {"program": program, "form": form})


_CHANGES = {
    "join": (
        actions.take_part,
        gettext_noop("You take part. You will get an e-mail when you are paired."),
    ),
    "resume": (actions.take_part, gettext_noop("Welcome back: you are in the next round.")),
    "pause": (actions.pause, gettext_noop("Paused: no rounds until you resume.")),
    "skip": (
        lambda p: actions.skip_next_round(p, True),
        gettext_noop("You skip the next round."),
    ),
    "unskip": (
        lambda p: actions.skip_next_round(p, False),
        gettext_noop("You are in the next round again."),
    ),
    "leave": (actions.leave, gettext_noop("You have left. Thank you for the coffees!")),
}


def _renew(request: HttpRequest, participant_token: str) -> HttpResponse:
    """An expired link to one's own page: offer (GET) or send (POST) a fresh one by mail."""
    if request.method != "POST":
        return render(request, "pairing/link_expired.html", {"renew": True}, status=410)
    try:
        person = access.participant_by_token(participant_token, any_age=True)
    except tokens.TokenInvalidError as error:
        return _broken(request, error)
    actions.send_new_link(person, today=timezone.localdate())
    return render(request, "pairing/link_sent.html")


def me(request: HttpRequest, participant_token: str) -> HttpResponse:
    """One's own part: join, pause, skip the next round, leave, and one's wishes."""
    try:
        person = access.participant_by_token(participant_token)
    except tokens.TokenExpiredError:
        return _renew(request, participant_token)
    except tokens.TokenInvalidError as error:
        return _broken(request, error)
    program = person.program
    departments = sorted(
        set(program.participants.exclude(department="").values_list("department", flat=True))
        - {person.department}
    )
    places = program.participants.exclude(location="").values_list("location", flat=True)
    form = WishesForm(
        request.POST if request.POST.get("action") == "wishes" else None,
        instance=person,
        departments=departments,
        locations=sorted(set(places) | ({person.location} - {""})),
    )
    action = request.POST.get("action", "")
    if request.method == "POST" and action in _CHANGES:
        change, text = _CHANGES[action]
        try:
            change(person)
        except actions.PairingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _(text))
        return redirect(request.path)
    if action == "wishes" and form.is_valid():
        actions.set_wishes(person, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(request.path)
    return render(
        request,
        "pairing/me.html",
        {"person": person, "program": program, "form": form, "Status": Participant.Status},
    )


def checkin(request: HttpRequest, checkin_token: str) -> HttpResponse:
    """ "Did you meet?": one click answers (the link alone changes nothing)."""
    try:
        member = access.member_by_token(checkin_token)
    except (tokens.TokenExpiredError, tokens.TokenInvalidError) as error:
        return _broken(request, error)
    person = member.participant
    if request.method == "POST":
        try:
            actions.check_in(member, request.POST.get("answer", ""))
        except actions.PairingError as exc:
            messages.error(request, str(exc))
        return redirect(request.path)
    others = [
        m.participant
        for m in member.meetup.members.select_related("participant")
        if m.participant_id != person.pk
    ]
    return render(
        request,
        "pairing/checkin.html",
        {
            "member": member,
            "person": person,
            "others": others,
            "program": member.meetup.round.program,
            "me_token": tokens.make(tokens.PARTICIPANT, person.pk, person.program_id),
        },
    )
