"""A person's own account: password reset and change, e-mail change, sign out everywhere,
and a pause of notification e-mails.

Django's own views and token generator do the password work; the forms around them say
the same thing whether or not an address has an account.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts import actions, ratelimit, tokens
from natverk.accounts.access import current_user
from natverk.accounts.fields import normalise_email
from natverk.accounts.forms import EmailChangeForm, OutboxPasswordResetForm
from natverk.accounts.views._links import link_problem
from natverk.site.numbers import whole_number


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link; limited per address and per client (429 beyond)."""

    form_class = OutboxPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: OutboxPasswordResetForm) -> HttpResponse:
        email = normalise_email(form.cleaned_data["email"])
        if not (
            ratelimit.allow("reset.address", email, limit=settings.NATVERK_RESET_LIMIT_PER_ADDRESS)
            and ratelimit.allow(
                "reset.client",
                ratelimit.client_key(self.request),
                limit=settings.NATVERK_RESET_LIMIT_PER_CLIENT,
            )
        ):
            return ratelimit.too_many(self.request)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Set a new password from the link (Django's token: expires, works once)."""

    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change the password; every other session of the person ends."""

    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        messages.success(
            self.request, _("Your password was changed. Other devices are logged out.")
        )
        return super().form_valid(form)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The person's account: e-mail address, password, sessions."""
    user = current_user(request)
    form = EmailChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.request_email_change(user, form.cleaned_data["email"], request)
        except actions.AccountError as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(
                request,
                _(
                    "If the address can be used, a link to confirm it is on its way to "
                    "%(email)s. Your address changes when you open it."
                )
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:account")
    return render(
        request,
        "accounts/account.html",
        {"form": form, "has_password": user.has_usable_password()},
    )


def email_confirm(request: HttpRequest, email_token: str) -> HttpResponseBase:
    """Confirm a new address from the link sent to it (GET shows, POST changes)."""
    try:
        confirmation = tokens.read(actions.EMAIL_CHANGE, email_token)
    except tokens.LinkError as problem:
        return link_problem(request, problem, retry_url=reverse("accounts:account"))
    if request.method == "POST":
        try:
            actions.confirm_email_change(confirmation)
        except tokens.LinkError as problem:
            return link_problem(request, problem, retry_url=reverse("accounts:account"))
        except actions.AccountError as exc:
            messages.error(request, str(exc))
            return redirect("accounts:account" if request.user.is_authenticated else "home")
        messages.success(
            request, _("Your e-mail address is now %(email)s.") % {"email": confirmation.email}
        )
        return redirect("accounts:account" if request.user.is_authenticated else "accounts:login")
    return render(request, "accounts/email_confirm.html", {"confirmation": confirmation})


@login_required
@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of the person, this one too."""
    actions.sign_out_everywhere(current_user(request))
    logout(request)
    messages.success(request, _("You are logged out on every device."))
    return redirect("accounts:login")


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    # A path of this site only: redirect() would read any other text as a view's name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return reverse("accounts:pause_mail")


@login_required
def pause_mail(request: HttpRequest) -> HttpResponse:
    """Pause the notification e-mails of every program for some weeks, or end the pause."""
    user = current_user(request)
    if request.method == "POST":
        weeks = request.POST.get("weeks", "")
        if request.POST.get("resume") == "1":
            actions.resume_mail(user)
            messages.success(request, _("Your e-mails are on again."))
        elif (count := whole_number(weeks)) is not None and count in actions.PAUSE_WEEKS:
            until = timezone.localdate() + dt.timedelta(weeks=count)
            actions.pause_mail(user, until)
            messages.success(
                request,
                _("Your notification e-mails are paused until %(day)s.")
                % {"day": formats.date_format(until, "j F Y")},
            )
        else:
            messages.error(request, _("Choose how long to pause."))
        return HttpResponseRedirect(_back(request))
    return render(request, "accounts/pause_mail.html", {"weeks": actions.PAUSE_WEEKS})
