"""Importing contacts: upload a file or choose a group, see what would be created and
merged, confirm (all or nothing), and undo the last import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts.access import current_user
from natverk.contacts import importing
from natverk.contacts.access import get_import_for_owner, get_own_group
from natverk.contacts.forms import ImportForm
from natverk.contacts.groups import group_records
from natverk.contacts.models import ImportBatch
from natverk.formats.contacts_base import ContactFormatError
from natverk.formats.errors import Problem
from natverk.programs.access import groups_of
from natverk.site.numbers import whole_number


def _render_problem(text: str, params: dict[str, str]) -> str:
    return Problem(text, params).render(get_language() or "sv")


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Upload a contact file (GET: the form, the member's groups and the last import)."""
    owner = current_user(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = importing.start_import(owner, upload.read(), upload.name or "")
        except ContactFormatError as exc:
            problems = exc.lines(get_language() or "sv")
        else:
            return redirect("contacts:import_preview", batch_id=batch.pk)
    return render(
        request,
        "contacts/import.html",
        {
            "form": form,
            "problems": problems,
            "groups": groups_of(owner),
            "last": importing.last_applied_import(owner),
        },
        status=400 if problems else 200,
    )


@login_required
@require_POST
def start_group(request: HttpRequest) -> HttpResponse:
    """Take the members of one of my groups as contacts (preview first)."""
    owner = current_user(request)
    raw = request.POST.get("group", "")
    group = get_own_group(owner, whole_number(raw) or 0)
    found, members = group_records(owner, group, get_language() or "sv")
    if not found.records:
        messages.error(request, _("There is nobody else in that group yet."))
        return redirect("contacts:import")
    batch = importing.start_records_import(
        owner, found, f"{group.program.title} #{group.number}", members=members
    )
    return redirect("contacts:import_preview", batch_id=batch.pk)


@login_required
def preview(request: HttpRequest, batch_id: int) -> HttpResponse:
    """What the import will create and merge, before anything is written."""
    batch = get_import_for_owner(request.user, batch_id)
    items = importing.plan_import(batch) if batch.status == ImportBatch.Status.PENDING else []
    return render(
        request,
        "contacts/preview.html",
        {
            "batch": batch,
            "items": items,
            "creates": sum(1 for i in items if not i.merges),
            "merges": sum(1 for i in items if i.merges),
            "notes": [_render_problem(text, params) for text, params in batch.notes],
            "skipped": [
                (line, _render_problem(text, params)) for line, text, params in batch.skipped
            ],
        },
    )


@login_required
@require_POST
def apply(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Import everything in one go, merging the matches the member kept checked."""
    batch = get_import_for_owner(request.user, batch_id)
    confirmed = {
        number
        for key in request.POST
        if key.startswith("merge-")
        and (number := whole_number(key.removeprefix("merge-"))) is not None
    }
    try:
        done = importing.apply_import(batch, confirmed=confirmed)
    except importing.ImportStateError as exc:
        messages.error(request, str(exc))
        return redirect("contacts:import")
    messages.success(
        request,
        _("Imported: %(created)s new contacts, %(merged)s merged into contacts you had.")
        % {"created": done.created_count, "merged": done.merged_count},
    )
    return redirect("contacts:triage" if done.created_count else "contacts:list")


@login_required
@require_POST
def cancel(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Drop a pending import without writing anything."""
    batch = get_import_for_owner(request.user, batch_id)
    try:
        importing.cancel_import(batch)
    except importing.ImportStateError as exc:
        messages.error(request, str(exc))
    return redirect("contacts:import")


@login_required
@require_POST
def undo(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Undo the last import: its new contacts go, merged ones get their old values back."""
    batch = get_import_for_owner(request.user, batch_id)
    try:
        removed = importing.undo_import(batch)
    except importing.ImportStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The import was undone: %(count)s contacts removed.") % {"count": removed}
        )
    return redirect("contacts:import")
