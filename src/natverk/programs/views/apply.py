"""The public application page of a program."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from natverk.accounts.models import User
from natverk.privacy.consent import ConsentForm
from natverk.programs import access, actions
from natverk.programs.forms import ApplicationForm
from natverk.programs.models import Program


def apply(request: HttpRequest, token: str) -> HttpResponse:
    """The public application page of a program (works on a phone)."""
    closed = closed_page(request, token)
    if closed is not None:
        return closed
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


def closed_page(request: HttpRequest, token: str) -> HttpResponse | None:
    """A friendly page for a program whose intake is not open (None when it is open)."""
    program = access.get_program_by_token(str(token))
    if program is None:
        raise Http404
    if program.status == Program.Status.INTAKE:
        return None
    return render(request, "programs/closed.html", {"program": program}, status=410)
