"""Tending contacts: the triage pile, follow-ups and snoozing, the log, who is due, the
balance of give and take, duplicates, and the member's settings."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts.access import current_user
from natverk.contacts import actions, queries
from natverk.contacts.access import get_contact_for_owner, get_interaction_for_owner
from natverk.contacts.duplicates import Card, find_duplicates
from natverk.contacts.forms import FollowUpForm, LogForm, SettingsForm, SnoozeForm, TriageForm
from natverk.contacts.importing import region_of
from natverk.contacts.models import Contact

_MOST_PAIRS = 50


@login_required
def triage(request: HttpRequest) -> HttpResponse:
    """The pile: one contact not triaged yet, with the four choices."""
    owner = current_user(request)
    queue = queries.triage_queue(owner)
    contact = queue.first()
    return render(
        request,
        "contacts/triage.html",
        {
            "contact": contact,
            "left": queue.count(),
            "form": TriageForm(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Triage one contact, then show the next one of the pile (or go back to the card)."""
    contact = get_contact_for_owner(request.user, contact_id)
    form = TriageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with %(name)s.") % {"name": contact.name})
    else:
        data = form.cleaned_data
        actions.triage_contact(
            contact,
            data["status"],
            today=timezone.localdate(),
            next_step=data["next_step"],
            follow_up_on=data["follow_up_on"],
            reason=data["reason"],
        )
        messages.success(
            request,
            _("%(name)s: %(decision)s.")
            % {"name": contact.name, "decision": contact.get_status_display()},
        )
    if request.POST.get("next") == "detail":
        return redirect("contacts:detail", contact_id=contact.pk)
    return redirect("contacts:triage")


@login_required
@require_POST
def follow_up(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Set how often to follow up, the next date and step, and the strength."""
    contact = get_contact_for_owner(request.user, contact_id)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        actions.plan_follow_up(
            contact,
            cadence_days=int(data["cadence"]) if data["cadence"] else None,
            next_follow_up=data["next_follow_up"],
            strength=data["strength"],
            next_step=data["next_step"],
        )
        messages.success(request, _("The follow-up is saved."))
    else:
        messages.error(request, _("Check the follow-up: a date and a rhythm from the list."))
    return redirect("contacts:detail", contact_id=contact.pk)


@login_required
@require_POST
def snooze(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Put a follow-up off by a week, a month or three months."""
    contact = get_contact_for_owner(request.user, contact_id)
    form = SnoozeForm(request.POST)
    if form.is_valid():
        days = form.cleaned_data["days"]
        actions.snooze_contact(contact, days, today=timezone.localdate())
        back_on = timezone.localdate() + dt.timedelta(days=days)
        messages.success(
            request,
            _("%(name)s comes back on %(date)s.")
            % {"name": contact.name, "date": date_format(back_on, "j F")},
        )
    back = request.POST.get("back")
    return (
        redirect("contacts:due")
        if back == "due"
        else redirect("contacts:detail", contact_id=contact.pk)
    )


@login_required
@require_POST
def log(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Write down a call, a coffee, help given or got."""
    contact = get_contact_for_owner(request.user, contact_id)
    form = LogForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        actions.log_interaction(
            contact, kind=data["kind"], flow=data["flow"], on=data["on"], note=data["note"]
        )
        messages.success(request, _("Written in the log."))
    else:
        messages.error(request, _("Give what happened and when."))
    return redirect("contacts:detail", contact_id=contact.pk)


@login_required
@require_POST
def delete_log(request: HttpRequest, contact_id: int, entry_id: int) -> HttpResponse:
    """Remove a log entry written by mistake."""
    entry = get_interaction_for_owner(request.user, contact_id, entry_id)
    actions.delete_interaction(entry)
    messages.success(request, _("The log entry was removed."))
    return redirect("contacts:detail", contact_id=contact_id)


@login_required
def due(request: HttpRequest) -> HttpResponse:
    """Who to follow up now, and who is coming up in the next two weeks."""
    owner = current_user(request)
    today = timezone.localdate()
    return render(
        request,
        "contacts/due.html",
        {
            "due": queries.due_contacts(owner, today),
            "upcoming": queries.upcoming_contacts(owner, today),
            "today": today,
            "snooze_form": SnoozeForm(),
        },
    )


@login_required
def give_take(request: HttpRequest) -> HttpResponse:
    """What I gave and got per contact, and the people I have only taken from lately."""
    owner = current_user(request)
    today = timezone.localdate()
    return render(
        request,
        "contacts/give_take.html",
        {
            "taken": queries.only_taken_lately(owner, today),
            "balances": queries.balances(owner),
            "days": queries.LATELY_DAYS,
        },
    )


@login_required
def duplicates(request: HttpRequest) -> HttpResponse:
    """Contacts that look like the same person, to merge one pair at a time."""
    owner = current_user(request)
    contacts = {c.pk: c for c in Contact.objects.filter(owner=owner).order_by("created_at", "pk")}
    cards = [
        Card(c.pk, c.name, tuple(c.emails), tuple(c.phones), c.company, c.linkedin_url)
        for c in contacts.values()
    ]
    pairs = find_duplicates(cards, region_of(owner))
    shown = [(contacts[a], contacts[b], reason) for a, b, reason in pairs[:_MOST_PAIRS]]
    return render(request, "contacts/duplicates.html", {"pairs": shown, "total": len(pairs)})


@login_required
@require_POST
def merge(request: HttpRequest, contact_id: int, other_id: int) -> HttpResponse:
    """Merge the second contact into the first (its card, tags and log)."""
    keep = get_contact_for_owner(request.user, contact_id)
    other = get_contact_for_owner(request.user, other_id)
    try:
        actions.merge_contacts(keep, other)
    except actions.ContactError as exc:
        messages.error(request, str(exc))
        return redirect("contacts:duplicates")
    messages.success(request, _("Merged into %(name)s.") % {"name": keep.name})
    return redirect("contacts:duplicates")


@login_required
def contact_settings(request: HttpRequest) -> HttpResponse:
    """The weekly digest, on or off."""
    owner = current_user(request)
    chosen = actions.settings_of(owner)
    form = SettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"weekly_digest": chosen.weekly_digest},
    )
    if request.method == "POST" and form.is_valid():
        actions.set_weekly_digest(owner, form.cleaned_data["weekly_digest"])
        messages.success(request, _("Saved."))
        return redirect("contacts:settings")
    return render(request, "contacts/settings.html", {"form": form})
