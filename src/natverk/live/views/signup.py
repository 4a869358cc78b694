"""Opening the link that confirms an event registration: GET says what will happen,
POST gives the place once (see natverk.live.actions.signup)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from natverk.accounts import tokens
from natverk.accounts.views._confirm import confirm_address
from natverk.accounts.views._links import link_problem
from natverk.accounts.views.core import start_session
from natverk.live.actions import LiveError, signup
from natverk.live.views.polls import remember_registration


def confirm_registration(request: HttpRequest, event_confirm: str) -> HttpResponseBase:
    """Confirm the address and take the place (choosing a password when there is no
    account yet); a person logged in as someone else is asked to log out first."""
    try:
        confirmation, event = signup.read_confirmation(event_confirm)
    except tokens.LinkError as problem:
        return link_problem(request, problem)
    context: dict[str, object] = {"confirmation": confirmation, "event": event}
    step = confirm_address(
        request,
        email=confirmation.email,
        account=signup.account_for(confirmation),
        name=str(confirmation.payload.get("name", "")),
    )
    if step.other_user is not None:
        return render(request, "live/confirm.html", context | {"other_user": step.other_user})
    if step.ready:
        try:
            registration, user = signup.confirm(confirmation, event, password=step.password)
        except tokens.LinkError as problem:
            return link_problem(request, problem)
        except LiveError as exc:
            return render(request, "live/confirm.html", context | {"problem": str(exc)})
        messages.success(request, _("Your address is confirmed and the place is yours."))
        response = redirect("live:registration", registration_token=registration.token)
        remember_registration(response, registration, request)
        if step.starts_session:
            return start_session(request, user, response)
        return response
    return render(request, "live/confirm.html", context | {"form": step.form})
