"""Opening the link that confirms an event registration: GET says what will happen,
POST gives the place once (see natverk.live.actions.signup)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from natverk.accounts import tokens
from natverk.accounts.forms import NewPasswordForm
from natverk.accounts.models import User
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
    signed_in = request.user if isinstance(request.user, User) else None
    if signed_in is not None and signed_in.email != confirmation.email:
        return render(request, "live/confirm.html", context | {"other_user": signed_in})
    account = signup.account_for(confirmation)
    needs_password = account is None or not account.has_usable_password()
    name = str(confirmation.payload.get("name", ""))
    person = account or User(email=confirmation.email, name=name)
    form = NewPasswordForm(person, request.POST or None) if needs_password else None
    if request.method == "POST" and (form is None or form.is_valid()):
        password = form.chosen() if form is not None else None
        try:
            registration, user = signup.confirm(confirmation, event, password=password)
        except tokens.LinkError as problem:
            return link_problem(request, problem)
        except LiveError as exc:
            return render(request, "live/confirm.html", context | {"problem": str(exc)})
        messages.success(request, _("Your address is confirmed and the place is yours."))
        response = redirect("live:registration", registration_token=registration.token)
        remember_registration(response, registration, request)
        if form is not None or signed_in is not None:
            return start_session(request, user, response)
        return response
    return render(request, "live/confirm.html", context | {"form": form})
