"""A person's own privacy pages: their notices, their data export, deleting the account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from natverk.accounts.access import current_user
from natverk.privacy import access, actions
from natverk.privacy.audit import audit
from natverk.privacy.erasure import preview
from natverk.privacy.forms import DeleteAccountForm
from natverk.privacy.models import ConsentRecord, DataRequest
from natverk.privacy.subjects import subject_for


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Your data: what you agreed to, your exports, and deleting your account."""
    user = current_user(request)
    consents = ConsentRecord.objects.filter(user=user).select_related("notice__organisation")
    exports = DataRequest.objects.filter(
        requested_by=user, channel=DataRequest.Channel.SELF, kind=DataRequest.Kind.EXPORT
    )[:5]
    return render(request, "privacy/overview.html", {"consents": consents, "exports": exports})


@login_required
@require_POST
def request_export(request: HttpRequest) -> HttpResponse:
    """Ask for a copy of everything natverk holds about you (built in the background)."""
    export = actions.request_export(current_user(request))
    return redirect("privacy:export_status", export_id=export.pk)


@login_required
def export_status(request: HttpRequest, export_id: int) -> HttpResponse:
    """How far the export is, and its download link when done (refreshes itself)."""
    export = access.get_own_export(request.user, export_id)
    htmx = request.headers.get("HX-Request") == "true"
    template = "privacy/_export_status.html" if htmx else "privacy/export.html"
    return render(request, template, {"export": export, "now": timezone.now()})


def _download(export: DataRequest) -> FileResponse:
    if not export.downloadable or not default_storage.exists(export.file_name):
        raise Http404
    stamp = timezone.localtime(export.finished_at or timezone.now()).strftime("%Y-%m-%d")
    return FileResponse(
        default_storage.open(export.file_name, "rb"),
        as_attachment=True,
        filename=f"natverk-data-{stamp}.zip",
        content_type="application/zip",
    )


@login_required
def export_download(request: HttpRequest, export_id: int) -> FileResponse:
    """Download your export while its link is valid."""
    export = access.get_own_export(request.user, export_id)
    response = _download(export)
    audit("natverk.privacy.export.downloaded", actor=current_user(request), target=export)
    return response


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete your account: what goes, what stays and why, then your password."""
    user = current_user(request)
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.delete_own_account(user)
        except actions.PrivacyError as exc:
            messages.error(request, str(exc))
        else:
            logout(request)
            return redirect("privacy:deleted")
    report = preview(subject_for(user))
    return render(request, "privacy/delete.html", {"form": form, "report": report})


def deleted(request: HttpRequest) -> HttpResponse:
    """After deleting an account: what happens now."""
    return render(request, "privacy/deleted.html")
