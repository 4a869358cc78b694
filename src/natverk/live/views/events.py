"""Open themed events: the organisation's list and an event's page (leaders), the public
registration page, and the registrant's own page (video link, cancelling)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts import ratelimit
from natverk.accounts.access import current_user, get_led_organisation_for
from natverk.accounts.models import User
from natverk.live import access
from natverk.live.actions import LiveError, signup
from natverk.live.actions import evaluation as evaluations
from natverk.live.actions import events as actions
from natverk.live.forms import EventForm, RegistrationForm
from natverk.live.models import Event, Poll
from natverk.live.views.polls import remember_registration
from natverk.privacy.consent import ConsentForm


def _save(form: EventForm, save: object) -> Event | None:
    """Run an event action with the form's data; errors go back on the form."""
    try:
        return save(**form.cleaned_data)  # type: ignore[operator,no-any-return]
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    return None


@login_required
def events(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's events, and a form for a new one."""
    membership = get_led_organisation_for(request.user, slug)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = membership.organisation
        event = _save(
            form,
            lambda **data: actions.create_event(organisation, by=current_user(request), **data),
        )
        if event is not None:
            return redirect("live:event", slug=slug, event_id=event.pk)
    rows = Event.objects.filter(organisation=membership.organisation).order_by("-starts_at")
    return render(request, "live/events.html", {"slug": slug, "form": form, "events": rows})


@login_required
def event(request: HttpRequest, slug: str, event_id: int) -> HttpResponse:
    """An event's page: details (editable), registrations, the public link, live tools."""
    event = access.get_event_to_run(request.user, slug, event_id)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        if _save(form, lambda **data: actions.update_event(event, **data)) is not None:
            messages.success(request, _("Saved."))
            return redirect("live:event", slug=slug, event_id=event.pk)
        event.refresh_from_db()
    registrations = event.registrations.filter(cancelled_at__isnull=True).order_by("name")
    public = request.build_absolute_uri(
        reverse("live:register", kwargs={"event_token": event.token})
    )
    context = {
        "event": event,
        "owner": access.Owner(event=event),
        "slug": slug,
        "form": form,
        "registrations": registrations,
        "left": actions.places_left(event),
        "public": public,
    }
    context["k"], context["evaluation"] = evaluations.evaluation_results(event)
    context["asked"] = Poll.objects.filter(event=event, evaluation=True).exists()
    return render(request, "live/event.html", context)


@login_required
@require_POST
def cancel(request: HttpRequest, slug: str, event_id: int) -> HttpResponse:
    """Cancel the event; everyone registered gets a mail."""
    event = access.get_event_to_run(request.user, slug, event_id)
    if event.cancelled_at is None:
        actions.cancel_event(event)
        messages.success(request, _("The event is cancelled and everyone registered is told."))
    return redirect("live:event", slug=slug, event_id=event.pk)


def _limited(request: HttpRequest, email: str | None) -> bool:
    """Count a registration per client, and per address when there is one (the limits
    of program applications); True past a limit."""
    client_ok = ratelimit.allow(
        "event.client",
        ratelimit.client_key(request),
        limit=settings.NATVERK_APPLY_LIMIT_PER_CLIENT,
    )
    address_ok = email is None or ratelimit.allow(
        "event.address", email.strip().lower(), limit=settings.NATVERK_APPLY_LIMIT_PER_ADDRESS
    )
    return not (client_ok and address_ok)


def register_page(request: HttpRequest, event_token: str) -> HttpResponse:
    """The public page of an event: what, when, who speaks, and a place for you."""
    event = access.get_open_event(str(event_token))
    user = request.user if isinstance(request.user, User) else None
    initial = {"language": (get_language() or "sv")[:2]}
    if user is not None:
        initial.update(name=user.name, email=user.email, language=user.preferred_language)
    form = RegistrationForm(request.POST or None, initial=initial)
    consent = ConsentForm(request.POST or None, organisation=event.organisation, user=user)
    past = event.ends_at <= timezone.now()
    valid = request.method == "POST" and not past and form.is_valid() and consent.is_valid()
    if request.method == "POST" and _limited(
        request, form.cleaned_data.get("email") if valid else None
    ):
        return ratelimit.too_many(request)
    if valid and user is None:
        # Not logged in: the address is confirmed before any place is given.
        data = form.cleaned_data
        signup.ask_to_confirm(
            event,
            signup.Signup(
                data["name"], data["email"], data["language"], ",".join(data["languages"])
            ),
            request,
        )
        consent.record(email=data["email"], user=None)
        context = {
            "event": event,
            "email": data["email"],
            "hours": settings.NATVERK_CONFIRMATION_HOURS,
        }
        return render(request, "live/registration_sent.html", context)
    if valid:
        data = form.cleaned_data
        email = user.email if user is not None else data["email"]
        try:
            registration = actions.register(
                event,
                name=data["name"],
                email=email,
                language=data["language"],
                languages=",".join(data["languages"]),
                user=user,
            )
        except LiveError as exc:
            form.add_error(None, str(exc))
        else:
            consent.record(email=email, user=user)
            response = redirect("live:registration", registration_token=registration.token)
            remember_registration(response, registration, request)
            return response
    context = {
        "event": event,
        "form": form,
        "consent": consent,
        "left": actions.places_left(event),
        "past": past,
        "signed_in": user is not None,
    }
    return render(request, "live/register.html", context)


def registration(request: HttpRequest, registration_token: str) -> HttpResponse:
    """The registrant's own page: the event, the video link near the start, cancelling."""
    registration = access.get_registration(str(registration_token))
    event = registration.event
    now = timezone.now()
    soon = event.starts_at - now <= dt.timedelta(hours=24)
    over = event.ends_at <= now
    context = {
        "registration": registration,
        "event": event,
        "show_link": soon and not over,
        "over": over,
        "evaluation": over and Poll.objects.filter(event=event, evaluation=True).exists(),
    }
    response = render(request, "live/registration.html", context)
    if registration.cancelled_at is None:
        remember_registration(response, registration, request)
    return response


def registration_calendar(request: HttpRequest, registration_token: str) -> HttpResponse:
    """The event as a calendar file, from the registrant's own page (cancelled when the
    event or the place is)."""
    registration = access.get_registration(str(registration_token))
    response = HttpResponse(
        actions.event_calendar(registration), content_type="text/calendar; charset=utf-8"
    )
    name = f"natverk-event-{registration.event_id}.ics"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def cancel_registration(request: HttpRequest, registration_token: str) -> HttpResponse:
    """Give the place back."""
    registration = access.get_registration(str(registration_token))
    actions.cancel_registration(registration)
    messages.success(request, _("Your place is given back. Thank you for telling us."))
    return redirect("live:registration", registration_token=registration.token)


def evaluation(request: HttpRequest, registration_token: str) -> HttpResponse:
    """The registrant's short evaluation after the event (anonymous, once)."""
    registration = access.get_registration(str(registration_token))
    polls = list(Poll.objects.filter(event=registration.event, evaluation=True).order_by("id"))
    error = ""
    if request.method == "POST" and polls:
        answers = {p.pk: request.POST.getlist(f"q{p.pk}") for p in polls}
        try:
            evaluations.answer_evaluation(registration, answers)
        except LiveError as exc:
            error = str(exc)
        else:
            return redirect("live:evaluation", registration_token=registration.token)
    rows = [{"poll": p, "done": evaluations.done(registration, p)} for p in polls]
    context = {
        "registration": registration,
        "event": registration.event,
        "rows": rows,
        "open": any(not row["done"] for row in rows),
        "error": error,
        "scale": range(1, 6),
    }
    return render(request, "live/evaluation.html", context, status=400 if error else 200)
