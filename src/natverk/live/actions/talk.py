"""Talk time of a meeting: the moderator's console (tap who speaks), transcripts from
Zoom or Teams (speakers mapped to members), and the figures saved with the meeting.

Figures come from ``natverk.insights.talk.talk_time`` over the stored segments, keyed by
``a:<application id>`` (members) or ``t:<label>`` (a transcript speaker who is no member),
so that two members with the same name stay two people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from natverk.accounts.models import User
from natverk.formats.webvtt import Transcript
from natverk.insights.talk import Segment, TalkTime, talk_time
from natverk.live.actions import LiveError
from natverk.live.models import SpeakerTime, TalkRecord, TalkSegment, TranscriptChoice
from natverk.live.people import Person
from natverk.meetings.models import Meeting
from natverk.programs.models import Group

#: Longest a console stays open (a forgotten console stops counting after this).
CONSOLE_HOURS = 8


def _key(segment: TalkSegment) -> str:
    return f"a:{segment.application_id}" if segment.application_id else f"t:{segment.label}"


def figures(
    record: TalkRecord, people: Sequence[Person] = (), now: dt.datetime | None = None
) -> TalkTime:
    """The talk time of a record; a segment still open counts up to ``now``."""
    elapsed = seconds_since_start(record, now)
    segments = [
        Segment(_key(s), s.start, s.end if s.end is not None else max(elapsed, s.start))
        for s in record.segments.all()
    ]
    return talk_time(segments, people=[f"a:{p.key}" for p in people])


def seconds_since_start(record: TalkRecord, now: dt.datetime | None = None) -> float:
    """Seconds from the start of the record to ``now`` (capped at the console's end)."""
    moment = record.ended_at or now or timezone.now()
    return max(0.0, (moment - record.started_at).total_seconds())


def _save_figures(record: TalkRecord, people: Sequence[Person]) -> TalkTime:
    """Store the record's figures and one SpeakerTime per speaker."""
    summary = figures(record, people)
    names = {f"a:{p.key}": (p.key, p.name) for p in people}
    labels = {_key(s): s for s in record.segments.all()}
    rows = []
    for s in summary.speakers:
        application_id: int | None
        if s.name in names:
            application_id, name = names[s.name]
        else:
            segment = labels[s.name]
            application_id, name = segment.application_id, segment.label
        rows.append(
            SpeakerTime(
                record=record,
                application_id=application_id,
                name=name,
                seconds=s.seconds,
                share=s.share,
                turns=s.turns,
                longest=s.longest,
            )
        )
    record.speakers.all().delete()
    SpeakerTime.objects.bulk_create(rows)
    record.total_seconds = summary.total_seconds
    record.gini = summary.gini
    record.quietest_ratio = summary.quietest_ratio
    record.save(update_fields=["total_seconds", "gini", "quietest_ratio"])
    return summary


def open_console(meeting: Meeting, *, by: User) -> TalkRecord:
    """The meeting's running console, or a new one starting now."""
    record = TalkRecord.objects.filter(
        meeting=meeting, source=TalkRecord.Source.CONSOLE, ended_at__isnull=True
    ).first()
    if record is not None and seconds_since_start(record) < CONSOLE_HOURS * 3600:
        return record
    if record is not None:
        stop_console(record, [])
    return TalkRecord.objects.create(
        meeting=meeting, source=TalkRecord.Source.CONSOLE, started_at=timezone.now(), created_by=by
    )


def current_speaker(record: TalkRecord) -> TalkSegment | None:
    """The segment still open (who is speaking now), if any."""
    return record.segments.filter(end__isnull=True).first()


def tap(record: TalkRecord, person: Person | None, people: Sequence[Person]) -> TalkTime:
    """Someone starts speaking (the one speaking stops); tapping the speaker again, or
    nobody, is a pause."""
    if record.ended_at is not None:
        raise LiveError(_("This console was stopped; open a new one."))
    with transaction.atomic():
        now = seconds_since_start(record)
        speaking = current_speaker(record)
        if speaking is not None:
            speaking.end = max(now, speaking.start)
            speaking.save(update_fields=["end"])
        if person is not None and (speaking is None or speaking.application_id != person.key):
            TalkSegment.objects.create(
                record=record, application_id=person.key, label=person.name, start=now
            )
        return _save_figures(record, people)


def stop_console(record: TalkRecord, people: Sequence[Person]) -> TalkTime:
    """End the console: whoever speaks stops, the figures are saved with the meeting."""
    with transaction.atomic():
        if record.ended_at is None:
            record.ended_at = timezone.now()
            record.confirmed = True
            record.save(update_fields=["ended_at", "confirmed"])
            end = seconds_since_start(record)
            record.segments.filter(end__isnull=True).update(end=end)
        return _save_figures(record, people)


def keeps_transcripts(group: Group) -> bool:
    """Whether the group chose to keep the text of imported transcripts."""
    choice = TranscriptChoice.objects.filter(group=group).first()
    return bool(choice and choice.keep_text)


def choose_transcript_keeping(group: Group, keep: bool) -> TranscriptChoice:
    """The group's choice: keep transcripts' text, or only their figures (the default).
    Choosing not to keep them removes the text already kept."""
    with transaction.atomic():
        choice, _created = TranscriptChoice.objects.get_or_create(group=group)
        choice.keep_text = keep
        choice.save(update_fields=["keep_text", "changed_at"])
        if not keep:
            TalkRecord.objects.filter(meeting__group=group).exclude(transcript="").update(
                transcript=""
            )
    return choice


def import_transcript(meeting: Meeting, transcript: Transcript, *, by: User) -> TalkRecord:
    """A transcript's speaking times, waiting for its speakers to be mapped to members.
    The text is kept only when the group chose so."""
    keep = keeps_transcripts(meeting.group)
    with transaction.atomic():
        record = TalkRecord.objects.create(
            meeting=meeting,
            source=TalkRecord.Source.TRANSCRIPT,
            started_at=meeting.starts_at,
            ended_at=meeting.starts_at
            + dt.timedelta(seconds=max((c.end for c in transcript.cues), default=0)),
            unattributed_seconds=transcript.unattributed_seconds(),
            transcript="\n".join(
                f"{c.speaker}: {c.text}" if c.speaker else c.text for c in transcript.cues
            )
            if keep
            else "",
            created_by=by,
        )
        TalkSegment.objects.bulk_create(
            TalkSegment(record=record, label=c.speaker[:200], start=c.start, end=c.end)
            for c in transcript.cues
            if c.speaker
        )
    return record


def transcript_speakers(record: TalkRecord) -> list[str]:
    """The speakers of an imported transcript, in the order they first spoke."""
    return list(
        dict.fromkeys(record.segments.order_by("start", "id").values_list("label", flat=True))
    )


def confirm_transcript(
    record: TalkRecord, mapping: Mapping[str, int | None], people: Sequence[Person]
) -> TalkTime:
    """Map each transcript speaker to a member (an application id), keep them as a guest
    (None), or leave them out (missing from ``mapping``); then save the figures."""
    keys = {p.key for p in people}
    if any(v is not None and v not in keys for v in mapping.values()):
        raise LiveError(_("Choose members of the group."))
    with transaction.atomic():
        record.segments.exclude(label__in=list(mapping)).delete()
        for label, key in mapping.items():
            record.segments.filter(label=label).update(application_id=key)
        record.confirmed = True
        record.save(update_fields=["confirmed"])
        return _save_figures(record, [p for p in people if p.key in set(mapping.values())])


def discard_record(record: TalkRecord) -> None:
    """Delete a talk record (a transcript imported by mistake, a console left open)."""
    record.delete()
