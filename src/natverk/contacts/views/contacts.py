"""The member's contacts: the list with search and filters, a contact's page, adding,
editing and removing, and the export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts.access import current_user
from natverk.contacts import actions, queries
from natverk.contacts.access import get_contact_for_owner
from natverk.contacts.exports import FORMATS, export_contacts
from natverk.contacts.forms import ContactForm, FilterForm, FollowUpForm, LogForm, SnoozeForm

PAGE_SIZE = 50


@login_required
def contact_list(request: HttpRequest) -> HttpResponse:
    """Every contact of the member, searched and filtered, 50 a page."""
    owner = current_user(request)
    form = FilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    filters = queries.Filters(**{k: v or "" for k, v in chosen.items()})
    today = timezone.localdate()
    contacts = queries.filtered_contacts(owner, filters, today).prefetch_related("tags")
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "contacts/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": today,
            "filtered": any(chosen.values()),
            "tags": queries.tags_of(owner),
            "untriaged": queries.triage_queue(owner).count(),
            "due_count": queries.due_contacts(owner, today).count(),
        },
    )


@login_required
def add(request: HttpRequest) -> HttpResponse:
    """Add a contact by hand."""
    owner = current_user(request)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = actions.create_contact(owner, form.record())
        except actions.ContactError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(name)s was added.") % {"name": contact.name})
            return redirect("contacts:detail", contact_id=contact.pk)
    return render(request, "contacts/edit.html", {"form": form, "contact": None})


@login_required
def detail(request: HttpRequest, contact_id: int) -> HttpResponse:
    """A contact's card, follow-up, log and give-and-take."""
    contact = get_contact_for_owner(request.user, contact_id)
    today = timezone.localdate()
    gave, got = queries.balance_of(contact)
    follow_up = FollowUpForm(
        initial={
            "cadence": str(contact.cadence_days or ""),
            "next_follow_up": contact.next_follow_up,
            "next_step": contact.next_step,
            "strength": contact.strength,
        }
    )
    return render(
        request,
        "contacts/detail.html",
        {
            "contact": contact,
            "tags": contact.tags.all(),
            "entries": contact.interactions.all()[:100],
            "gave": gave,
            "got": got,
            "log_form": LogForm(initial={"on": today}),
            "follow_up_form": follow_up,
            "snooze_form": SnoozeForm(),
            "today": today,
            "due": contact.is_due(today),
        },
    )


@login_required
def edit(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Change a contact's card."""
    contact = get_contact_for_owner(request.user, contact_id)
    form = ContactForm(request.POST or None, initial=ContactForm.initial_for(contact))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_contact(contact, form.record())
        except actions.ContactError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("contacts:detail", contact_id=contact.pk)
    return render(request, "contacts/edit.html", {"form": form, "contact": contact})


@login_required
@require_POST
def delete(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Remove a contact and its log."""
    contact = get_contact_for_owner(request.user, contact_id)
    name = contact.name
    actions.delete_contact(contact)
    messages.success(request, _("%(name)s was removed.") % {"name": name})
    return redirect("contacts:list")


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """Every contact as vCard 4.0 or CSV (reads back through the importer)."""
    if fmt not in FORMATS:
        raise Http404
    content, content_type, filename = export_contacts(current_user(request), fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
