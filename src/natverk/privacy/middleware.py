"""Send a person who has a new notice version to agree to there first (once a login)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from natverk.privacy.signals import PENDING_KEY

#: Paths that stay open while a notice waits: privacy pages (the notices too), logout.
OPEN_PREFIXES = ("/privacy/", "/accounts/logout/", "/i18n/", "/static/")


class NewNoticeMiddleware:
    """Pages (GET) redirect to the agreement page while a new notice version waits."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method == "GET"
            and request.user.is_authenticated
            and request.session.get(PENDING_KEY)
            and not request.path.startswith(OPEN_PREFIXES)
            and "/privacy/" not in request.path
            and request.headers.get("HX-Request") != "true"
        ):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('privacy:agree')}?{query}")
        return self.get_response(request)
