"""The public privacy notice of an organisation, and agreeing to a new version."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from natverk.accounts.access import current_user
from natverk.privacy import access, actions
from natverk.privacy.consent import current_notice, notice_rules, pending_notices
from natverk.privacy.models import Notice
from natverk.privacy.signals import PENDING_KEY
from natverk.site.numbers import whole_number


def notice(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's privacy notice, the current version or ``?version=N``."""
    organisation = access.get_public_organisation(slug)
    shown = current_notice(organisation)
    version = request.GET.get("version", "")
    number = whole_number(version)
    if number is not None and number != shown.version:
        found = Notice.objects.filter(organisation=organisation, version=number).first()
        if found is None:
            raise Http404
        shown = found
    versions = Notice.objects.filter(organisation=organisation).only("version", "published_at")
    return render(
        request,
        "privacy/notice.html",
        {
            "organisation": organisation,
            "notice": shown,
            "rules": notice_rules(shown),
            "versions": versions,
        },
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@login_required
def agree(request: HttpRequest) -> HttpResponse:
    """New versions of notices the person agreed to before: read and agree to go on."""
    user = current_user(request)
    pending = pending_notices(user)
    if request.method == "POST" and pending:
        actions.agree_to_notices(user, pending)
        pending = []
    if not pending:
        request.session.pop(PENDING_KEY, None)
        return redirect(_next(request))
    notices = [{"notice": n, "rules": notice_rules(n)} for n in pending]
    return render(request, "privacy/agree.html", {"notices": notices, "next": _next(request)})
