"""The organisation's privacy page for administrators: settings, requests, retention,
and the audit log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts.access import current_user
from natverk.accounts.models import Organisation
from natverk.privacy import access, actions
from natverk.privacy.audit import audit, search
from natverk.privacy.consent import current_notice, settings_for
from natverk.privacy.erasure import preview
from natverk.privacy.forms import AuditSearchForm, PersonRequestForm, SettingsForm
from natverk.privacy.models import ConsentRecord, DataRequest, RetentionRun
from natverk.privacy.registry import retention_rules
from natverk.privacy.retention import run_retention
from natverk.privacy.views.person import _download


def _page(
    request: HttpRequest,
    organisation: Organisation,
    *,
    settings_form: SettingsForm | None = None,
    request_form: PersonRequestForm | None = None,
) -> HttpResponse:
    notice = current_notice(organisation)
    requests = DataRequest.objects.filter(organisation=organisation)
    last_run = RetentionRun.objects.filter(organisation=organisation).first()
    labels = {rule.name: rule for rule in retention_rules()}
    return render(
        request,
        "privacy/organisation.html",
        {
            "organisation": organisation,
            "notice": notice,
            "consents": ConsentRecord.objects.filter(notice=notice).count() if notice.pk else 0,
            "settings_form": settings_form or SettingsForm(instance=settings_for(organisation)),
            "request_form": request_form or PersonRequestForm(),
            "pending": [r for r in requests[:50] if r.pending],
            "finished": [r for r in requests[:50] if not r.pending][:10],
            "last_run": last_run,
            "last_report": [
                row | {"label": labels[row["rule"]].label if row["rule"] in labels else row["rule"]}
                for row in (last_run.report if last_run else [])
            ],
            "entries": search(organisation)[:10],
        },
    )


@login_required
def organisation_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Settings, pending requests, the last retention run and the latest audit entries."""
    organisation = access.admin_membership_for(request.user, slug).organisation
    return _page(request, organisation)


@login_required
@require_POST
def save_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """Save who is responsible and how long data is kept (a new notice when it changed)."""
    organisation = access.admin_membership_for(request.user, slug).organisation
    form = SettingsForm(request.POST, instance=settings_for(organisation))
    if not form.is_valid():
        return _page(request, organisation, settings_form=form)
    notice = actions.save_settings(organisation, by=current_user(request), **form.values())
    if notice is not None:
        messages.success(
            request,
            _(
                "Saved. Version %(n)d of the privacy notice is published; people agree to it at "
                "their next login or application."
            )
            % {"n": notice.version},
        )
    else:
        messages.success(request, _("Saved."))
    return redirect("privacy:organisation", slug=slug)


@login_required
@require_POST
def retention_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """Count what retention would remove now, removing nothing (a dry run)."""
    organisation = access.admin_membership_for(request.user, slug).organisation
    run_retention(organisation=organisation, dry_run=True, trigger=RetentionRun.Trigger.ADMIN)
    messages.success(request, _("Dry run done: nothing was removed."))
    return redirect("privacy:organisation", slug=slug)


@login_required
@require_POST
def new_request(request: HttpRequest, slug: str) -> HttpResponse:
    """Record a request received by mail: export at once, erasure after a preview."""
    organisation = access.admin_membership_for(request.user, slug).organisation
    form = PersonRequestForm(request.POST)
    if form.is_valid():
        try:
            made = actions.request_for_person(
                organisation,
                email=form.cleaned_data["email"],
                kind=form.cleaned_data["kind"],
                by=current_user(request),
                language=get_language() or "sv",
            )
        except actions.PrivacyError as exc:
            form.add_error("email", str(exc))
        else:
            return redirect("privacy:request", slug=slug, request_id=made.pk)
    return _page(request, organisation, request_form=form)


@login_required
def request_detail(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    """A request: the erasure preview to confirm, or the export's status and file."""
    made = access.get_request_for_admin(request.user, slug, request_id)
    report = None
    if made.kind == DataRequest.Kind.ERASE and made.status == DataRequest.Status.NEW:
        report = preview(actions.subject_of(made))
    htmx = request.headers.get("HX-Request") == "true"
    return render(
        request,
        "privacy/_request_status.html" if htmx else "privacy/request.html",
        {"organisation": made.organisation, "made": made, "report": report, "now": timezone.now()},
    )


@login_required
@require_POST
def confirm_erasure(request: HttpRequest, slug: str, erasure_id: int) -> HttpResponse:
    """Start an erasure after reading what it removes and keeps."""
    made = access.get_request_for_admin(request.user, slug, erasure_id, kind=DataRequest.Kind.ERASE)
    try:
        actions.confirm_erasure(made, by=current_user(request))
    except actions.PrivacyError as exc:
        messages.error(request, str(exc))
    return redirect("privacy:request", slug=slug, request_id=made.pk)


@login_required
def request_download(request: HttpRequest, slug: str, request_id: int) -> FileResponse:
    """Download the export of a request, to send to the person."""
    made = access.get_request_for_admin(
        request.user, slug, request_id, kind=DataRequest.Kind.EXPORT
    )
    response = _download(made)
    audit(
        "natverk.privacy.export.downloaded",
        actor=current_user(request),
        subject=made.subject,
        subject_email=made.subject_email,
        organisation=made.organisation,
        target=made,
    )
    return response


@login_required
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    """Search the audit log: who read notes, who exported or erased whom, admin logins."""
    organisation = access.admin_membership_for(request.user, slug).organisation
    form = AuditSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = search(
        organisation,
        text=filters.get("q", ""),
        action=filters.get("action", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "privacy/audit.html",
        {"organisation": organisation, "form": form, "page": page, "query": query.urlencode()},
    )
