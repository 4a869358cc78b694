"""Accounts pages: login, language, the dashboard and the member's own profile.

Views parse and authorise; the work is done by actions and the access functions.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from natverk.accounts import access, actions
from natverk.accounts.forms import EmailAuthenticationForm, ProfileForm
from natverk.accounts.models import Photo, Profile, User
from natverk.accounts.stats import membership_stats


def home(request: HttpRequest) -> HttpResponse:
    """The front door: the dashboard for people who are logged in, else the login."""
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    return redirect("accounts:login")


def remember_language(response: HttpResponseBase, user: User) -> HttpResponseBase:
    """Switch the interface to the person's preferred language from the next page on."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        user.preferred_language,
        samesite="Lax",
        secure=not settings.DEBUG,
    )
    return response


def start_session(request: HttpRequest, user: User, response: HttpResponseBase) -> HttpResponseBase:
    """Log in a person who has just proved who they are by a link and set a password."""
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return remember_language(response, user)


class LoginView(auth_views.LoginView):
    """E-mail login that switches the interface to the person's preferred language."""

    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_initial(self) -> dict[str, object]:
        """The address from a link ("log in to finish") is filled in."""
        email = self.request.GET.get("email", "")
        return {"username": email[:254]} if email else {}

    def form_valid(self, form: EmailAuthenticationForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        user = form.get_user()
        if isinstance(user, User):
            remember_language(response, user)
        return response


@require_POST
def set_language(request: HttpRequest) -> HttpResponseBase:
    """Switch the interface language; remembered on the account when logged in."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        actions.set_preferred_language(access.current_user(request), language)
    return response


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Send a person to their organisation; list them when they belong to several."""
    memberships = access.memberships_of(access.current_user(request))
    if len(memberships) == 1:
        return redirect("accounts:organisation", slug=memberships[0].organisation.slug)
    return render(request, "accounts/choose_organisation.html", {"memberships": memberships})


@login_required
def organisation_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's start page: leaders see the membership, members their own part."""
    membership = access.membership_for(request.user, slug)
    organisation = membership.organisation
    lang = get_language() or "sv"
    context: dict[str, object] = {"organisation": organisation, "membership": membership}
    if membership.leads:
        context |= membership_stats(organisation, lang)
    return render(request, "accounts/dashboard.html", context)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The person's own profile: profession, industry, employer and the rest."""
    own, _created = Profile.objects.get_or_create(user=access.current_user(request))
    form = ProfileForm(request.POST or None, instance=own)
    if request.method == "POST" and form.is_valid():
        actions.update_profile(own, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return HttpResponseRedirect(request.path)
    photo = Photo.objects.filter(user_id=own.user_id).only("user_id", "updated_at").first()
    return render(request, "accounts/profile.html", {"form": form, "photo": photo})
