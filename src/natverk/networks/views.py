"""My networks: the list with the picture and the advice, adding and editing a network,
the quarterly review, and the reminder setting. Only the member sees any of it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts.access import current_user
from natverk.accounts.actions import PAUSE_WEEKS
from natverk.networks import actions, queries
from natverk.networks.access import get_network_for
from natverk.networks.forms import NetworkForm, ReviewForm
from natverk.networks.models import NetworkSettings, Review, quarter_of
from natverk.networks.picture import PLOT
from natverk.networks.suggestions import ADVICE, advice_label, rules


@login_required
def network_list(request: HttpRequest) -> HttpResponse:
    """Every network of the member, the picture of value against energy, and the advice."""
    user = current_user(request)
    actions.sync_natverk_networks(user)
    lang = get_language() or "sv"
    today = timezone.localdate()
    rows = queries.overview(user, lang, today)
    own = NetworkSettings.objects.filter(owner=user).first()
    return render(
        request,
        "networks/list.html",
        {
            "rows": rows,
            "bubbles": queries.picture(rows),
            "plot": PLOT,
            "quarter": quarter_of(today),
            "due": sum(row.due for row in rows),
            "rules": [(advice_label(r.advice, lang), *r.says(lang)) for r in rules()],
            "advice_keys": [(a, advice_label(a, lang)) for a in ADVICE],
            "reminders": own.review_reminders if own else True,
            "pause_weeks": PAUSE_WEEKS,
        },
    )


@login_required
def add(request: HttpRequest) -> HttpResponse:
    """Add a network outside natverk."""
    form = NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        network = actions.add_network(current_user(request), **form.cleaned_data)
        messages.success(request, _("%(name)s was added to your networks.") % {"name": network})
        return redirect("networks:list")
    return render(request, "networks/form.html", {"form": form, "network": None})


@login_required
def edit(request: HttpRequest, network_id: int) -> HttpResponse:
    """Change what the member says about a network."""
    network = get_network_for(request.user, network_id)
    form = NetworkForm(request.POST or None, instance=network)
    if request.method == "POST" and form.is_valid():
        actions.update_network(network, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("networks:list")
    return render(request, "networks/form.html", {"form": form, "network": network})


@login_required
def review(request: HttpRequest, network_id: int) -> HttpResponse:
    """This quarter's review of a network: value, energy, what I gave and got."""
    network = get_network_for(request.user, network_id)
    quarter = quarter_of(timezone.localdate())
    current = Review.objects.filter(network=network, quarter=quarter).first()
    form = ReviewForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.review_network(
            network, value=data["value"], energy=data["energy"], gave=data["gave"], got=data["got"]
        )
        messages.success(request, _("Thank you: %(name)s is reviewed.") % {"name": network})
        return redirect(reverse("networks:list") + "#picture")
    earlier = network.reviews.exclude(quarter=quarter).order_by("-quarter")[:4]
    return render(
        request,
        "networks/review.html",
        {"network": network, "form": form, "quarter": quarter, "earlier": earlier},
    )


@login_required
@require_POST
def delete(request: HttpRequest, network_id: int) -> HttpResponse:
    """Remove a network outside natverk, with its reviews."""
    network = get_network_for(request.user, network_id)
    try:
        actions.delete_network(network)
    except actions.NetworkError:
        raise Http404 from None
    messages.success(request, _("%(name)s was removed.") % {"name": network.name})
    return redirect("networks:list")


@login_required
@require_POST
def network_settings(request: HttpRequest) -> HttpResponse:
    """Turn the quarterly review reminder on or off."""
    actions.set_review_reminders(current_user(request), request.POST.get("reminders") == "1")
    messages.success(request, _("Your reminder setting is saved."))
    return redirect("networks:list")
