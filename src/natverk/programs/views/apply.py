"""The public application page of a program."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from natverk.accounts.models import User
from natverk.privacy.consent import ConsentForm
from natverk.programs import access, actions
from natverk.programs.forms import ApplicationForm


def apply(request: HttpRequest, token: str) -> HttpResponse:
    """The public application page of a program (works on a phone)."""
    program = access.get_open_program(token)
    form = ApplicationForm(request.POST or None, program=program)
    user = request.user if isinstance(request.user, User) else None
    # privacy: the organisation's notice and the applicant's agreement (natverk.privacy)
    consent = ConsentForm(request.POST or None, organisation=program.organisation, user=user)
    if request.method == "POST" and form.is_valid() and consent.is_valid():
        with transaction.atomic():
            actions.submit_application(program, user=user, **form.answers())
            consent.record(email=form.cleaned_data["email"])
        return render(request, "programs/applied.html", {"program": program})
    context = {"program": program, "form": form, "consent": consent}
    return render(request, "programs/apply.html", context)
