"""The page a link from an e-mail answers when it cannot be used (and changes nothing)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from natverk.accounts.tokens import INVALID, LinkError

#: Tampered links are a bad request; expired, used and withdrawn ones are gone.
_STATUS = {INVALID: 400}


def link_problem(request: HttpRequest, problem: LinkError, *, retry_url: str = "") -> HttpResponse:
    """Say plainly why the link does not work and what to do instead."""
    return render(
        request,
        "accounts/link_problem.html",
        {"reason": problem.reason, "retry_url": retry_url},
        status=_STATUS.get(problem.reason, 410),
    )
