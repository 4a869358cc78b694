"""The public application page of a program."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from natverk.accounts.models import User
from natverk.programs import access, actions
from natverk.programs.forms import ApplicationForm


def apply(request: HttpRequest, token: str) -> HttpResponse:
    """The public application page of a program (works on a phone)."""
    program = access.get_open_program(token)
    form = ApplicationForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        user = request.user if isinstance(request.user, User) else None
        actions.submit_application(program, user=user, **form.answers())
        return render(request, "programs/applied.html", {"program": program})
    return render(request, "programs/apply.html", {"program": program, "form": form})
