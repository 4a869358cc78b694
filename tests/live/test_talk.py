"""Talk time: the console's taps, transcripts mapped to members (only figures kept unless
the group chose otherwise), the trend over a group's meetings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.test import Client
from django.urls import reverse

from natverk.formats.webvtt import parse_transcript, read_transcript
from natverk.live.actions import talk as actions
from natverk.live.charts import line_chart, trend_of
from natverk.live.models import SpeakerTime, TalkRecord, TalkSegment
from natverk.live.people import meeting_people
from tests.live.conftest import LiveWorld

SAMPLES = Path(__file__).parents[1] / "formats" / "webvtt"


def _rewind(record: TalkRecord, seconds: float) -> None:
    """Move the console's start back, as if ``seconds`` had passed since it."""
    TalkRecord.objects.filter(pk=record.pk).update(
        started_at=record.started_at - dt.timedelta(seconds=seconds)
    )
    record.refresh_from_db()


def _count_meetings(world: LiveWorld, shares: tuple[int, ...]) -> None:
    """Meetings of a minute each where the second member speaks ``share`` seconds."""
    for meeting, share in zip(world.meetings, shares, strict=False):
        people = meeting_people(meeting)[:2]
        record = actions.open_console(meeting, by=world.leader)
        actions.tap(record, people[0], people)
        _rewind(record, 60 - share)
        actions.tap(record, people[1], people)
        _rewind(record, share)
        actions.stop_console(record, people)


def test_taps_give_each_member_their_seconds_and_shares(live_world: LiveWorld) -> None:
    meeting = live_world.meetings[0]
    people = meeting_people(meeting)[:3]
    record = actions.open_console(meeting, by=live_world.leader)
    actions.tap(record, people[0], people)  # A from 0 s
    _rewind(record, 60)
    actions.tap(record, people[1], people)  # B from 60 s
    _rewind(record, 30)
    actions.tap(record, people[0], people)  # A again from 90 s
    _rewind(record, 10)
    summary = actions.stop_console(record, people)  # stop at 100 s
    seconds = {s.name: round(s.seconds) for s in summary.speakers}
    assert seconds == {f"a:{people[0].key}": 70, f"a:{people[1].key}": 30, f"a:{people[2].key}": 0}
    rows = {r.application_id: r for r in SpeakerTime.objects.filter(record=record)}
    assert round(rows[people[0].key].share, 2) == 0.7 and rows[people[0].key].turns == 2
    assert rows[people[2].key].seconds == 0 and record.confirmed
    assert round(TalkRecord.objects.get(pk=record.pk).quietest_ratio, 2) == 0.0


def test_tapping_the_speaker_again_pauses(live_world: LiveWorld) -> None:
    meeting = live_world.meetings[0]
    people = meeting_people(meeting)[:2]
    record = actions.open_console(meeting, by=live_world.leader)
    actions.tap(record, people[0], people)
    _rewind(record, 20)
    actions.tap(record, people[0], people)
    assert actions.current_speaker(record) is None
    _rewind(record, 20)
    summary = actions.figures(record, people)
    assert round(summary.total_seconds) == 20


def test_a_transcript_is_mapped_to_members_and_only_figures_are_kept(
    live_world: LiveWorld,
) -> None:
    meeting = live_world.meetings[0]
    people = meeting_people(meeting)
    text = (
        "WEBVTT\n\n00:00.000 --> 00:30.000\n<v berg, ANNA>hej</v>\n\n"
        "00:20.000 --> 00:40.000\n<v berg, ANNA>igen</v>\n\n"
        "00:40.000 --> 01:00.000\nBjorn Ohlsson (Gäst): tack\n\n"
        "01:00.000 --> 01:10.000\nNågon Annan: hallå\n"
    )
    record = actions.import_transcript(meeting, parse_transcript(text), by=live_world.leader)
    assert record.transcript == ""
    client = Client()
    client.force_login(live_world.leader)
    url = reverse(
        "live:transcript_speakers",
        kwargs={"slug": live_world.slug, "meeting_id": meeting.pk, "record_id": record.pk},
    )
    page = client.get(url).content.decode()
    anna = next(p for p in people if p.name == "Anna Berg")
    bjorn = next(p for p in people if p.name == "Björn Öhlsson")
    assert f'<option value="{anna.key}" selected>' in page
    assert f'<option value="{bjorn.key}" selected>' in page
    response = client.post(
        url, {"speaker-0": str(anna.key), "speaker-1": str(bjorn.key), "speaker-2": "guest"}
    )
    assert response.status_code == 302
    rows = {r.name: r for r in SpeakerTime.objects.filter(record=record)}
    assert round(rows["Anna Berg"].seconds) == 40  # overlapping cues count once
    assert round(rows["Björn Öhlsson"].seconds) == 20 and round(rows["Någon Annan"].seconds) == 10
    assert rows["Någon Annan"].application_id is None
    assert not TalkRecord.objects.exclude(transcript="").exists()


def test_a_group_that_keeps_transcripts_keeps_the_text_until_it_changes_its_mind(
    live_world: LiveWorld,
) -> None:
    meeting = live_world.meetings[0]
    actions.choose_transcript_keeping(live_world.group, True)
    transcript = read_transcript(SAMPLES / "teams_numbered_cues_fixture.vtt")
    record = actions.import_transcript(meeting, transcript, by=live_world.leader)
    assert "Alice Chen: Right, let's start with the renewal." in record.transcript
    actions.choose_transcript_keeping(live_world.group, False)
    assert TalkRecord.objects.get(pk=record.pk).transcript == ""


def test_a_malformed_transcript_is_refused_with_its_line(live_world: LiveWorld) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(live_world.leader)
    meeting = live_world.meetings[0]
    url = reverse("live:transcript", kwargs={"slug": live_world.slug, "meeting_id": meeting.pk})
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("m.vtt", b"WEBVTT\n\n00:00:61.000 --> 00:01:02.000\nA: x\n")
    response = client.post(url, {"file": bad})
    assert response.status_code == 400
    assert "Line 3" in response.content.decode()
    assert not TalkRecord.objects.exists()


def test_the_console_page_shows_a_button_per_member_and_the_figures(
    live_world: LiveWorld,
) -> None:
    client = Client()
    client.force_login(live_world.leader)
    meeting = live_world.meetings[0]
    kwargs = {"slug": live_world.slug, "meeting_id": meeting.pk}
    client.post(reverse("live:console_start", kwargs=kwargs))
    record = TalkRecord.objects.get(meeting=meeting)
    first = live_world.members[0]
    response = client.post(
        reverse("live:console_tap", kwargs=kwargs),
        {"speaker": str(first.pk)},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert page.count('class="speaker"') + page.count('class="speaker speaking"') == len(
        live_world.members
    )
    assert 'data-key="1"' in page and 'data-key="9"' not in page
    assert TalkSegment.objects.get(record=record).application_id == first.pk
    client.post(reverse("live:console_stop", kwargs=kwargs))
    assert TalkRecord.objects.get(pk=record.pk).ended_at is not None


def test_the_trend_shows_each_meeting_as_a_chart_and_a_table(live_world: LiveWorld) -> None:
    _count_meetings(live_world, (30, 15, 5))
    points = trend_of(live_world.group)
    assert [p.number for p in points] == [1, 2, 3]
    assert points[0].gini < points[1].gini < points[2].gini
    chart = line_chart(points)
    assert len(str(chart["gini"]).split()) == 3
    client = Client()
    client.force_login(live_world.leader)
    url = reverse(
        "live:trend",
        kwargs={
            "slug": live_world.slug,
            "program_id": live_world.program.pk,
            "group_id": live_world.group.pk,
        },
    )
    page = client.get(url).content.decode()
    assert 'role="img"' in page and "<table" in page and "Anna Berg" in page


def test_the_console_invites_the_quietest_in_after_a_minute_of_uneven_talk(
    live_world: LiveWorld,
) -> None:
    client = Client()
    client.force_login(live_world.leader)
    meeting = live_world.meetings[0]
    kwargs = {"slug": live_world.slug, "meeting_id": meeting.pk}
    people = meeting_people(meeting)
    record = actions.open_console(meeting, by=live_world.leader)
    actions.tap(record, people[0], people)
    _rewind(record, 30)
    early = client.get(
        reverse("live:console_state", kwargs=kwargs), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Perhaps invite them in" not in early  # not before a minute of talk
    for person in people[1:]:  # everyone but the last speaks a while
        actions.tap(record, person if person != people[-1] else None, people)
        _rewind(record, 20)
    page = client.get(
        reverse("live:console_state", kwargs=kwargs), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    quietest = people[-1].name
    assert f"{quietest} has hardly had the word yet" in page
    actions.tap(record, people[-1], people)  # they take the word about as long as the rest
    _rewind(record, 25)
    after = client.get(
        reverse("live:console_state", kwargs=kwargs), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Perhaps invite them in" not in after


def test_the_feedback_dashboard_shows_measured_talk_beside_everyone_got_to_speak(
    live_world: LiveWorld,
) -> None:
    _count_meetings(live_world, (30, 5))
    ginis = [p.gini for p in trend_of(live_world.group)]
    client = Client()
    client.force_login(live_world.leader)
    kwargs = {"slug": live_world.slug, "program_id": live_world.program.pk}
    page = client.get(
        reverse("feedback:program", kwargs=kwargs), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Measured talk time" in page and "Everyone got to speak" in page
    assert page.index("Everyone got to speak") < page.index("Measured talk time")
    for gini in ginis:
        assert f"<strong>Gini {gini:.2f}</strong>" in page
    assert "Fewer than 5 answers" in page  # nobody answered the pulse: still hidden
    figures = client.get(reverse("feedback:program_csv", kwargs=kwargs)).content.decode()
    rows = [line.split(",") for line in figures.splitlines()]
    assert ["talk_gini", "1", "", f"{ginis[0]:.2f}", "", "1"] in rows
    assert ["talk_gini", "", "1", f"{sum(ginis) / 2:.2f}", "", "2"] in rows
