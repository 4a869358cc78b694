"""Polls: the moderator's list (prepare, open, close, show or hide results), the shared
screen (short link, QR code, live results), and the phone page where people answer.

The screen's results fragment is polled twice a second with the vote count it shows; it
answers 204 (nothing to swap) until a vote arrives or the poll changes, so the results
follow within a second at the cost of one indexed count.
"""

from __future__ import annotations

import io
import secrets

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from natverk.accounts.models import User
from natverk.live import access
from natverk.live.actions import LiveError
from natverk.live.actions import polls as actions
from natverk.live.forms import PollForm
from natverk.live.models import Poll, Registration

#: The device cookie that stands for a person without an account or registration link.
DEVICE_COOKIE = "natverk_voter"
REGISTRATION_COOKIE = "natverk_registration"
COOKIE_SALT = "natverk.live.voter"
COOKIE_AGE = 60 * 60 * 24 * 30


def _owner(request: HttpRequest, slug: str, **ids: int) -> access.Owner:
    return access.get_owner_to_run(
        request.user, slug, meeting_id=ids.get("meeting_id"), event_id=ids.get("event_id")
    )


@login_required
def owner_polls(request: HttpRequest, slug: str, **ids: int) -> HttpResponse:
    """A meeting's or an event's polls, and a form to prepare one (or open it at once)."""
    owner = _owner(request, slug, **ids)
    form = PollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            poll = actions.create_poll(
                owner,
                question=data["question"],
                kind=data["kind"],
                options=form.option_list(),
                anonymous=data["anonymous"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            if data["open_now"]:
                actions.open_poll(poll)
                return redirect("live:poll", slug=slug, poll_id=poll.pk)
            return redirect(request.path)
    polls = Poll.objects.filter(**owner.filter(), evaluation=False).order_by("created_at", "id")
    context = {"owner": owner, "slug": slug, "form": form, "polls": polls}
    return render(request, "live/polls.html", context)


def _short_link(request: HttpRequest, poll: Poll) -> str:
    return request.build_absolute_uri(reverse("live:answer", kwargs={"code": poll.code}))


@login_required
def screen(request: HttpRequest, slug: str, poll_id: int) -> HttpResponse:
    """The shared screen: the question, the short link and QR code, the live results."""
    poll = access.get_poll_to_run(request.user, slug, poll_id)
    context = {
        "poll": poll,
        "slug": slug,
        "owner": access.owner_of(poll),
        "link": _short_link(request, poll).split("://", 1)[-1].rstrip("/"),
    } | _screen_results(poll, slug)
    return render(request, "live/screen.html", context)


def _screen_results(poll: Poll, slug: str) -> dict[str, object]:
    """The screen's results and the version it polls with (votes:state:shown)."""
    results = actions.results(poll)
    return {
        "poll": poll,
        "results": results,
        "version": f"{results.voters}:{poll.state}:{int(poll.results_shown)}",
        "results_url": reverse("live:poll_results", kwargs={"slug": slug, "poll_id": poll.pk}),
        "screen": True,
        "every": "500ms",
    }


@login_required
def screen_results(request: HttpRequest, slug: str, poll_id: int) -> HttpResponse:
    """The screen's results; 204 while nothing changed since the device's version."""
    poll = access.get_poll_to_run(request.user, slug, poll_id)
    version = f"{poll.votes.count()}:{poll.state}:{int(poll.results_shown)}"
    if request.GET.get("v", "") == version:
        return HttpResponse(status=204)
    return render(request, "live/_results.html", _screen_results(poll, slug))


@login_required
@require_POST
def change_state(request: HttpRequest, slug: str, poll_id: int) -> HttpResponse:
    """Open, close, show or hide a poll's results."""
    poll = access.get_poll_to_run(request.user, slug, poll_id)
    action = request.POST.get("action", "")
    try:
        if action == "open":
            actions.open_poll(poll)
        elif action == "close":
            actions.close_poll(poll)
        elif action in ("show", "hide"):
            actions.show_results(poll, action == "show")
    except LiveError as exc:
        messages.error(request, str(exc))
    back = request.POST.get("next", "")
    if back == "list":
        owner = access.owner_of(poll)
        if owner.meeting is not None:
            return redirect("live:meeting_polls", slug=slug, meeting_id=owner.meeting.pk)
        assert owner.event is not None
        return redirect("live:event_polls", slug=slug, event_id=owner.event.pk)
    return redirect("live:poll", slug=slug, poll_id=poll.pk)


def _identity(request: HttpRequest, poll: Poll) -> tuple[str, str | None]:
    """Who is answering: their account, their registration link, or this device; and a
    new device id to remember when there was none."""
    if isinstance(request.user, User):
        return f"u:{request.user.pk}", None
    if poll.event_id is not None:
        token = request.get_signed_cookie(REGISTRATION_COOKIE, default="", salt=COOKIE_SALT)
        registration = (
            Registration.objects.filter(token=token, event_id=poll.event_id)
            .values_list("pk", flat=True)
            .first()
            if token
            else None
        )
        if registration is not None:
            return f"r:{registration}", None
    device = request.get_signed_cookie(DEVICE_COOKIE, default="", salt=COOKIE_SALT)
    if device:
        return f"d:{device}", None
    fresh = secrets.token_urlsafe(18)
    return f"d:{fresh}", fresh


def _remember(response: HttpResponse, device: str | None, request: HttpRequest) -> HttpResponse:
    if device is not None:
        response.set_signed_cookie(
            DEVICE_COOKIE,
            device,
            salt=COOKIE_SALT,
            max_age=COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def answer(request: HttpRequest, code: str) -> HttpResponse:
    """The phone page: answer once; then the results when the moderator shows them."""
    poll = access.get_poll_by_code(code)
    if not access.may_answer(request.user, poll):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        raise Http404
    identity, device = _identity(request, poll)
    error = ""
    if request.method == "POST":
        try:
            actions.cast_vote(
                poll,
                identity,
                request.POST.getlist("answer"),
                user=request.user if isinstance(request.user, User) else None,
            )
        except LiveError as exc:
            error = str(exc)
        else:
            return _remember(redirect("live:answer", code=poll.code), device, request)
    voted = actions.has_voted(poll, identity)
    context = {"voted": voted, "error": error, "scale": range(1, 6)} | _phone_results(poll)
    response = render(request, "live/answer.html", context, status=400 if error else 200)
    return _remember(response, device, request)


def answer_results(request: HttpRequest, code: str) -> HttpResponse:
    """The results on the phones: shown, hidden or closed by the moderator (``v`` =
    state:shown). Phones follow the moderator's switches, not every vote: 300 phones
    polling a fragment that changed with every vote would cost more than the votes; the
    shared screen is the one that follows every vote."""
    poll = access.get_poll_by_code(code)
    if not access.may_answer(request.user, poll):
        raise Http404
    context = _phone_results(poll)
    if request.GET.get("v", "") == context["version"]:
        return HttpResponse(status=204)
    return render(request, "live/_results.html", context)


def _phone_results(poll: Poll) -> dict[str, object]:
    """What the phones show of the results (only while shown) and their version."""
    return {
        "poll": poll,
        "results": actions.results(poll) if poll.results_shown else None,
        "version": f"{poll.state}:{int(poll.results_shown)}",
        "results_url": reverse("live:answer_results", kwargs={"code": poll.code}),
        "every": "4s",
    }


def qr(request: HttpRequest, code: str) -> HttpResponse:
    """The QR code of a poll's short link, as SVG (drawn here, nothing fetched)."""
    poll = access.get_poll_by_code(code)
    out = io.BytesIO()
    segno.make(_short_link(request, poll), error="m").save(
        out, kind="svg", scale=8, border=2, xmldecl=False, title=poll.question[:80]
    )
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response


def remember_registration(
    response: HttpResponse, registration: Registration, request: HttpRequest
) -> None:
    """Let this device answer the event's polls as the registrant (one vote each)."""
    response.set_signed_cookie(
        REGISTRATION_COOKIE,
        str(registration.token),
        salt=COOKIE_SALT,
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
