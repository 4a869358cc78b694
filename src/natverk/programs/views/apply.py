"""The public application page of a program, and the link that confirms an application.

Nobody can change someone else's application: a second application from the same
address changes nothing until its owner opens the link sent to that address.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts import ratelimit, tokens
from natverk.accounts.models import User
from natverk.accounts.views._confirm import confirm_address
from natverk.accounts.views._links import link_problem
from natverk.accounts.views.core import start_session
from natverk.privacy.consent import ConsentForm
from natverk.programs import access, intake
from natverk.programs.forms import ApplicationForm
from natverk.programs.models import Program


def _limited(request: HttpRequest, email: str | None) -> bool:
    """Count a post per client, and per address when there is one; True past a limit."""
    client_ok = ratelimit.allow(
        "apply.client",
        ratelimit.client_key(request),
        limit=settings.NATVERK_APPLY_LIMIT_PER_CLIENT,
    )
    address_ok = email is None or ratelimit.allow(
        "apply.address", email, limit=settings.NATVERK_APPLY_LIMIT_PER_ADDRESS
    )
    return not (client_ok and address_ok)


def apply(request: HttpRequest, token: str) -> HttpResponse:
    """The public application page of a program (works on a phone)."""
    closed = closed_page(request, token)
    if closed is not None:
        return closed
    program = access.get_open_program(token)
    user = request.user if isinstance(request.user, User) else None
    form = ApplicationForm(request.POST or None, program=program, user=user)
    if user is not None and request.method != "POST":
        form.prefill_goals(intake.own_goals(program, user))
    # privacy: the organisation's notice and the applicant's agreement (natverk.privacy)
    consent = ConsentForm(request.POST or None, organisation=program.organisation, user=user)
    context = {"program": program, "form": form, "consent": consent}
    if request.method != "POST":
        return render(request, "programs/apply.html", context)
    valid = form.is_valid() and consent.is_valid()
    answers = form.answers() if valid else {}
    if _limited(request, str(answers["email"]) if valid and user is None else None):
        return ratelimit.too_many(request)
    if not valid:
        return render(request, "programs/apply.html", context)
    language = get_language() or "sv"
    try:
        with transaction.atomic():
            application = intake.apply_by_form(
                program,
                user=user,
                language=language,
                share=form.shares(),
                request=request,
                **answers,
            )
            consent.record(email=str(answers["email"]))
    except intake.AlreadyAppliedError:
        return render(
            request,
            "programs/already_applied.html",
            {
                "program": program,
                "email": answers["email"],
                "pending": intake.pending_answers(answers, form.shares()),
            },
        )
    return render(
        request, "programs/applied.html", {"program": program, "application": application}
    )


@require_POST
def apply_change(request: HttpRequest, token: str) -> HttpResponse:
    """Send the "change my application" link to the address that applied before."""
    closed = closed_page(request, token)
    if closed is not None:
        return closed
    program = access.get_open_program(token)
    try:
        answers, share = intake.read_pending(request.POST.get("pending", ""))
    except intake.IntakeError:
        return redirect("programs:apply", token=token)
    if _limited(request, str(answers.get("email", ""))):
        return ratelimit.too_many(request)
    try:
        intake.send_change_link(
            program, answers, share, language=get_language() or "sv", request=request
        )
    except intake.IntakeError:
        return redirect("programs:apply", token=token)
    return render(
        request, "programs/change_sent.html", {"program": program, "email": answers["email"]}
    )


def confirm(request: HttpRequest, confirm_token: str) -> HttpResponseBase:
    """Open the link from the e-mail: GET says what will happen, POST does it once."""
    try:
        confirmation, application = intake.read_confirmation(confirm_token)
    except tokens.LinkError as problem:
        return link_problem(request, problem)
    account = intake.account_for(application)
    step = confirm_address(request, email=application.email, account=account, name=application.name)
    context = {
        "application": application,
        "program": application.program,
        "confirmation": confirmation,
        "changes": "answers" in confirmation.payload,
    }
    if step.other_user is not None:
        return render(request, "programs/confirm.html", context | {"other_user": step.other_user})
    if step.ready:
        try:
            user = intake.confirm_application(confirmation, application, password=step.password)
        except tokens.LinkError as problem:
            return link_problem(request, problem)
        target = reverse("accounts:dashboard")
        if step.starts_session:
            return start_session(request, user, redirect(target))
        messages.success(
            request, _("Your address is confirmed. Log in to follow your application.")
        )
        query = urlencode({"next": target, "email": user.email})
        return redirect(f"{reverse('accounts:login')}?{query}")
    return render(
        request, "programs/confirm.html", context | {"form": step.form, "account": account}
    )


def closed_page(request: HttpRequest, token: str) -> HttpResponse | None:
    """A friendly page for a program whose intake is not open (None when it is open)."""
    program = access.get_program_by_token(str(token))
    if program is None:
        raise Http404
    if program.status == Program.Status.INTAKE and not program_deadline_passed(program):
        return None
    return render(request, "programs/closed.html", {"program": program}, status=410)


def program_deadline_passed(program: Program) -> bool:
    """Whether the day to apply by has passed (applications close after it)."""
    deadline = program.application_deadline
    return deadline is not None and timezone.localdate() > deadline
