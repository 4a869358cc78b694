"""A meeting's live hub, the talk-time console, transcripts, and a group's trend.

The console answers every tap with its fragment (htmx) or a redirect (a plain form), and
the page refreshes the fragment every second so that shares and "since last spoke" move.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts.access import current_user
from natverk.formats.errors import FormatError
from natverk.formats.webvtt import read_transcript
from natverk.insights.speakers import match_speakers
from natverk.live import access, charts
from natverk.live.actions import LiveError
from natverk.live.actions import talk as actions
from natverk.live.forms import TranscriptForm
from natverk.live.models import TalkRecord
from natverk.live.people import Person, meeting_people, present_of
from natverk.meetings.models import Meeting

#: A quietest share under this part of an equal share, after a minute, prompts the moderator.
PROMPT_BELOW = 0.5
PROMPT_AFTER_SECONDS = 60


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def hub(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """The meeting's live tools: talk time, polls, breakout rounds, transcripts."""
    meeting = access.get_meeting_to_run(request.user, slug, meeting_id)
    records = meeting.talk_records.filter(confirmed=True).order_by("-started_at")
    context = {"meeting": meeting, "slug": slug, "records": records, "owner": access.Owner(meeting)}
    return render(request, "live/hub.html", context)


def _console_context(meeting: Meeting, record: TalkRecord | None) -> dict[str, Any]:
    people = present_of(access.Owner(meeting=meeting))
    context: dict[str, Any] = {
        "meeting": meeting,
        "record": record,
        "people": people,
        "owner": access.Owner(meeting=meeting),
    }
    if record is None:
        return context
    summary = actions.figures(record, people)
    now = actions.seconds_since_start(record)
    by_key = {s.name: s for s in summary.speakers}
    last: dict[int, float] = {}
    speaking = None
    for segment in record.segments.all():
        if segment.application_id is None:
            continue
        if segment.end is None:
            speaking = segment.application_id
        else:
            last[segment.application_id] = max(last.get(segment.application_id, 0.0), segment.end)
    rows = []
    for number, person in enumerate(people, start=1):
        figures = by_key.get(f"a:{person.key}")
        rows.append(
            {
                "person": person,
                "number": number if number <= 9 else None,
                "share": figures.share if figures else 0.0,
                "seconds": figures.seconds if figures else 0.0,
                "since": None
                if person.key == speaking or person.key not in last
                else now - last[person.key],
                "speaking": person.key == speaking,
            }
        )
    quietest = min(people, key=lambda p: (by_key[f"a:{p.key}"].seconds, p.name)) if people else None
    context.update(
        rows=rows,
        summary=summary,
        elapsed=now,
        quietest=quietest.name if quietest else "",
        prompt=bool(
            quietest
            and summary.total_seconds >= PROMPT_AFTER_SECONDS
            and summary.quietest_ratio < PROMPT_BELOW
        ),
    )
    return context


def _open_record(meeting: Meeting) -> TalkRecord | None:
    return TalkRecord.objects.filter(
        meeting=meeting, source=TalkRecord.Source.CONSOLE, ended_at__isnull=True
    ).first()


@login_required
def console(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """The talk-time console: a big button per member present (keys 1-9)."""
    meeting = access.get_meeting_to_run(request.user, slug, meeting_id)
    context = _console_context(meeting, _open_record(meeting))
    context["slug"] = slug
    return render(request, "live/console.html", context)


@login_required
def state(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """The console's live figures (polled every second)."""
    meeting = access.get_meeting_to_run(request.user, slug, meeting_id)
    context = _console_context(meeting, _open_record(meeting))
    context["slug"] = slug
    return render(request, "live/_console.html", context)


@login_required
@require_POST
def start(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Start counting (or go back to the console already running)."""
    meeting = access.get_meeting_to_run(request.user, slug, meeting_id)
    actions.open_console(meeting, by=current_user(request))
    return redirect("live:console", slug=slug, meeting_id=meeting.pk)


def _answer(request: HttpRequest, slug: str, meeting: Meeting) -> HttpResponse:
    if _htmx(request):
        context = _console_context(meeting, _open_record(meeting))
        context["slug"] = slug
        return render(request, "live/_console.html", context)
    return redirect("live:console", slug=slug, meeting_id=meeting.pk)


@login_required
@require_POST
def tap_view(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Someone starts speaking (``speaker`` = their key; empty or the same = pause)."""
    meeting = access.get_meeting_to_run(request.user, slug, meeting_id)
    record = _open_record(meeting)
    if record is None:
        return redirect("live:console", slug=slug, meeting_id=meeting.pk)
    people = present_of(access.Owner(meeting=meeting))
    key = request.POST.get("speaker", "")
    person = next((p for p in people if str(p.key) == key), None)
    try:
        actions.tap(record, person, people)
    except LiveError as exc:
        messages.error(request, str(exc))
    return _answer(request, slug, meeting)


@login_required
@require_POST
def stop(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Stop the console and save the figures with the meeting."""
    meeting = access.get_meeting_to_run(request.user, slug, meeting_id)
    record = _open_record(meeting)
    if record is not None:
        actions.stop_console(record, present_of(access.Owner(meeting=meeting)))
        messages.success(request, _("Talk time saved with the meeting."))
    return redirect("live:hub", slug=slug, meeting_id=meeting.pk)


@login_required
def transcript(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Import a Zoom or Teams transcript (WebVTT); only figures are kept unless the group
    chose to keep transcripts."""
    meeting = access.get_meeting_to_run(request.user, slug, meeting_id)
    form = TranscriptForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = read_transcript(upload)
        except FormatError as exc:
            problems = exc.lines((get_language() or "sv")[:2])
        else:
            record = actions.import_transcript(meeting, parsed, by=current_user(request))
            return redirect(
                "live:transcript_speakers", slug=slug, meeting_id=meeting.pk, record_id=record.pk
            )
    keep = actions.keeps_transcripts(meeting.group)
    context = {
        "meeting": meeting,
        "owner": access.Owner(meeting=meeting),
        "slug": slug,
        "form": form,
        "problems": problems,
        "keep": keep,
    }
    return render(request, "live/transcript.html", context, status=400 if problems else 200)


def _mapping(
    request: HttpRequest, labels: list[str], people: list[Person]
) -> dict[str, int | None]:
    """The moderator's choice per speaker: a member's key, "guest" or "skip"."""
    keys = {str(p.key): p.key for p in people}
    out: dict[str, int | None] = {}
    for n, label in enumerate(labels):
        value = request.POST.get(f"speaker-{n}", "skip")
        if value == "guest":
            out[label] = None
        elif value in keys:
            out[label] = keys[value]
    return out


@login_required
def speakers(request: HttpRequest, slug: str, meeting_id: int, record_id: int) -> HttpResponse:
    """Map a transcript's speakers to the group's members (matched by name first)."""
    meeting = access.get_meeting_to_run(request.user, slug, meeting_id)
    record = access.get_talk_record(meeting, record_id)
    people = meeting_people(meeting)
    labels = actions.transcript_speakers(record)
    if request.method == "POST":
        if request.POST.get("discard"):
            actions.discard_record(record)
            return redirect("live:hub", slug=slug, meeting_id=meeting.pk)
        try:
            actions.confirm_transcript(record, _mapping(request, labels, people), people)
        except LiveError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Talk time saved with the meeting."))
            return redirect("live:hub", slug=slug, meeting_id=meeting.pk)
    guesses = match_speakers(labels, [p.name for p in people])
    rows: list[dict[str, object]] = [
        {
            "n": n,
            "label": label,
            "guess": people[g].key if (g := guesses[label]) is not None else None,
        }
        for n, label in enumerate(labels)
    ]
    seconds = {s.name: s.seconds for s in actions.figures(record).speakers}
    for row in rows:
        row["seconds"] = seconds.get(f"t:{row['label']}", 0.0)
    context = {"meeting": meeting, "slug": slug, "record": record, "rows": rows, "people": people}
    return render(request, "live/speakers.html", context)


@login_required
def trend(request: HttpRequest, slug: str, program_id: int, group_id: int) -> HttpResponse:
    """How evenly the group's talk was shared, meeting after meeting (chart and table);
    the group's choice to keep transcripts."""
    group = access.get_group_to_lead(request.user, slug, program_id, group_id)
    if request.method == "POST":
        actions.choose_transcript_keeping(group, request.POST.get("keep") == "1")
        messages.success(request, _("Saved."))
        return redirect("live:trend", slug=slug, program_id=program_id, group_id=group_id)
    points = charts.trend_of(group)
    context = {
        "group": group,
        "program": group.program,
        "slug": slug,
        "points": points,
        "chart": charts.line_chart(points),
        "members": charts.member_table(points),
        "keep": actions.keeps_transcripts(group),
    }
    return render(request, "live/trend.html", context)
