"""The organisation's catalogue of open programs: filters, a page per listing that shares
well (Open Graph), and the administrator's choice of who sees it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts import actions as accounts
from natverk.accounts.access import get_administered_organisation_for
from natverk.accounts.languages import MEETING_LANGUAGES
from natverk.accounts.models import Membership, Organisation, Photo, Role, User
from natverk.accounts.views.photo import photo_response
from natverk.programs import access, catalogue
from natverk.programs.models import Program
from natverk.taxonomy import label

ANY: list[tuple[str, object]] = [("", gettext_lazy("Any"))]
#: Open Graph's name of each language of the site.
OG_LOCALES = {"sv": "sv_SE", "da": "da_DK", "en": "en_GB"}
#: The choices of "time in all" (at most this many hours of meetings).
HOURS = (5, 10, 20)


def _at_most_now(hours: int) -> str:
    return _("At most %(h)d hours") % {"h": hours}


#: "At most 10 hours", translated when shown (the choices are built once, at import).
_at_most = lazy(_at_most_now, str)


class FilterForm(forms.Form):
    """The catalogue's filters, read from the query string."""

    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)
    format = forms.ChoiceField(
        label=gettext_lazy("Format"), required=False, choices=[*ANY, *Program.Format.choices]
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"), required=False, choices=[*ANY, *MEETING_LANGUAGES]
    )
    profession = forms.ChoiceField(label=gettext_lazy("For"), required=False)
    free = forms.BooleanField(label=gettext_lazy("Free of charge"), required=False)
    places = forms.BooleanField(label=gettext_lazy("Places left"), required=False)
    hours = forms.ChoiceField(
        label=gettext_lazy("Time in all"),
        required=False,
        choices=[*ANY, *((str(h), _at_most(h)) for h in HOURS)],
    )
    month = forms.ChoiceField(label=gettext_lazy("Starts in"), required=False)

    def __init__(
        self,
        *args: Any,
        professions: list[tuple[str, str]],
        months: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, options in (("profession", professions), ("month", months)):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [*ANY, *options]

    def chosen(self) -> catalogue.Filters:
        """The valid filters (an invalid value is left out, never an error page)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return catalogue.Filters(
            format=data.get("format", ""),
            language=data.get("language", ""),
            profession=data.get("profession", ""),
            free=bool(data.get("free")),
            places=bool(data.get("places")),
            text=data.get("q", ""),
            hours=int(data.get("hours") or 0),
            month=data.get("month", ""),
        )


def _membership(request: HttpRequest, organisation: Organisation) -> Membership | None:
    user = request.user
    if not isinstance(user, User):
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def _professions(found: list[catalogue.Listing], lang: str) -> list[tuple[str, str]]:
    codes = {code for listing in found for code in listing.professions}
    return sorted(((c, label("occupation", c, lang)) for c in codes), key=lambda x: x[1])


def _months(found: list[catalogue.Listing]) -> list[tuple[str, str]]:
    """The months the listings start in, named in the visitor's language ("March 2027")."""
    firsts = sorted({x.starts_on.replace(day=1) for x in found if x.starts_on is not None})
    return [(d.strftime("%Y-%m"), formats.date_format(d, "YEAR_MONTH_FORMAT")) for d in firsts]


def _login_first(request: HttpRequest, slug: str) -> HttpResponse | None:
    """A visitor who is not logged in is asked to log in to a members-only catalogue."""
    if request.user.is_authenticated or access.catalogue_is_public(slug):
        return None
    return redirect_to_login(request.get_full_path())


def catalogue_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Every open program of the organisation, narrowed by the visitor's filters."""
    if (login := _login_first(request, slug)) is not None:
        return login
    organisation = access.get_catalogue_for(request.user, slug)
    lang = get_language() or "sv"
    found = catalogue.listings(organisation, lang)
    form = FilterForm(
        request.GET or None, professions=_professions(found, lang), months=_months(found)
    )
    shown = catalogue.narrowed(found, form.chosen()) if request.GET else found
    membership = _membership(request, organisation)
    return render(
        request,
        "programs/catalogue/list.html",
        {
            "organisation": organisation,
            "listings": shown,
            "total": len(found),
            "form": form,
            "admin": membership is not None and membership.role == Role.ADMIN,
            "k": catalogue.CATALOGUE_K,
            "page_url": request.build_absolute_uri(request.path),
            "og_locale": OG_LOCALES.get(lang[:2], "en_GB"),
        },
    )


def listing_page(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """One open program as the catalogue shows it, with Open Graph tags for sharing."""
    if (login := _login_first(request, slug)) is not None:
        return login
    organisation = access.get_catalogue_for(request.user, slug)
    lang = get_language() or "sv"
    found = catalogue.program_listings(organisation, lang, only=program_id)
    if not found:
        raise Http404
    return render(
        request,
        "programs/catalogue/detail.html",
        {
            "organisation": organisation,
            "listing": found[0],
            "k": catalogue.CATALOGUE_K,
            "page_url": request.build_absolute_uri(request.path),
            "og_locale": OG_LOCALES.get(lang[:2], "en_GB"),
        },
    )


def leader_photo(request: HttpRequest, slug: str, user_id: int, version: str) -> HttpResponse:
    """The photo of someone who leads a listing of the catalogue (nobody else's)."""
    if (login := _login_first(request, slug)) is not None:
        return login
    organisation = access.get_catalogue_for(request.user, slug)
    leads = catalogue.leads_listing(organisation, user_id)
    photo = Photo.objects.filter(user_id=user_id).first() if leads else None
    if photo is None:
        raise Http404
    return photo_response(photo)


@login_required
@require_POST
def catalogue_visibility(request: HttpRequest, slug: str) -> HttpResponse:
    """The administrator chooses who sees the catalogue: anyone, or members only."""
    organisation = get_administered_organisation_for(request.user, slug).organisation
    choice = request.POST.get("catalogue", "")
    if choice in Organisation.Catalogue.values:
        accounts.set_catalogue_visibility(organisation, choice)
        messages.success(request, _("Saved: who sees the catalogue."))
    return redirect("programs:catalogue", slug=slug)
