"""WebVTT transcripts: real Zoom and Teams exports, quirks, and malformed files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from natverk.formats.errors import FileTooLargeError, NotTextError
from natverk.formats.webvtt import (
    MESSAGES,
    TranscriptError,
    parse_timestamp,
    parse_transcript,
    read_transcript,
)
from natverk.insights.talk import talk_time

SAMPLES = Path(__file__).parent / "webvtt"


def _errors(text: str) -> list[str]:
    with pytest.raises(TranscriptError) as caught:
        parse_transcript(text)
    return caught.value.lines("en")


def test_zoom_export_names_speakers_and_counts_cues_without_one() -> None:
    t = read_transcript(SAMPLES / "zoom_two_speakers_unattributed_cues.vtt")
    assert len(t.cues) == 284
    assert t.speakers == ["Ashlee Kupor (SL)", "Dora Demszky"]
    assert t.unattributed == 9
    first = t.cues[0]
    assert (first.line, first.start, first.end) == (4, 0.51, 1.55)
    assert first.text == "Let's do that"


def test_zoom_excerpts_read_names_with_accents_and_no_final_newline() -> None:
    webinar = read_transcript(SAMPLES / "zoom_webinar_host_and_guests_excerpt.vtt")
    assert len(webinar.cues) == 39
    assert webinar.unattributed == 2
    assert set(webinar.speakers) == {
        "Andrew Knight",
        "Paul McCartney",
        "George Harrison",
        "Ringo Starr",
        "John Lennon",
    }
    assert webinar.cues[-1].text == "Alright, so I'm gonna let people in"
    klass = read_transcript(SAMPLES / "zoom_class_accents_unattributed_excerpt.vtt")
    assert klass.speakers[0] == "Dominik Böhler"
    assert klass.unattributed == 2


def test_teams_voices_wrap_over_lines_and_crlf_line_ends() -> None:
    t = read_transcript(SAMPLES / "teams_lecture_wrapped_voices_excerpt.vtt")
    assert t.speakers == ["Giorgio Ghelli"]
    assert len(t.cues) == 11
    assert t.cues[1].text == "I thought we were here, but probably not. That's too far. Oh yeah,"
    assert t.cues[1].line == 8  # CRLF counts as one line break
    fixture = read_transcript(SAMPLES / "teams_numbered_cues_fixture.vtt")
    assert fixture.speakers == ["Alice Chen", "Bob Ferreira"]


def test_bom_and_captions_without_speakers_are_read_as_unattributed() -> None:
    t = read_transcript(SAMPLES / "webvtt_py_captions_with_bom.vtt")
    assert t.cues and t.unattributed == len(t.cues)
    assert t.segments() == []


def test_every_sample_gives_shares_that_sum_to_one() -> None:
    for path in SAMPLES.glob("*.vtt"):
        t = read_transcript(path)
        summary = talk_time(t.segments())
        if summary.speakers:
            assert abs(sum(s.share for s in summary.speakers) - 1) < 1e-9, path.name


def test_quirks_unpadded_times_no_hours_ids_as_voices_mixed_line_ends() -> None:
    text = (
        "\ufeffWEBVTT - Meeting\r\nKind: captions\r\n\r\n"
        'NOTE duration:"00:00:29.5060000"\n\n'
        "0:0:3.0 --> 0:0:5.5\r<v 8f3c2a10-1111-4e8a-9c5f-1a2b3c4d5e6f>Hej\n\n"
        "guid/1-0\n00:06.000 --> 00:07,250 align:start\n<v.loud Lastname, Firstname>Tack &amp; hej"
    )
    t = parse_transcript(text)
    assert [(c.start, c.end, c.speaker) for c in t.cues] == [
        (3.0, 5.5, "8f3c2a10-1111-4e8a-9c5f-1a2b3c4d5e6f"),
        (6.0, 7.25, "Lastname, Firstname"),
    ]
    assert t.cues[1].text == "Tack & hej"


def test_zoom_prefix_is_a_name_only_when_it_looks_like_one() -> None:
    text = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\nWhat now? I said: go\n\n"
        "00:02.000 --> 00:03.000\nIt is 7:03 now\n\n"
        "00:03.000 --> 00:04.000\nDr. Åsa Öberg: hello\n"
    )
    assert [c.speaker for c in parse_transcript(text).cues] == ["", "", "Dr. Åsa Öberg"]


def test_a_cue_glued_to_the_header_is_still_read() -> None:
    t = parse_transcript("WEBVTT\n1\n00:00:01.000 --> 00:00:02.000\nAnna: hej\n")
    assert [c.speaker for c in t.cues] == ["Anna"]


def test_malformed_cues_are_reported_with_their_line_numbers_never_dropped() -> None:
    text = (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAnna: ok\n\n"
        "2\n00:00:60.000 --> 00:00:61.000\nAnna: bad seconds\n\n"
        "3\n00:00:09.000 --> 00:00:08.000\nErik: backwards\n\n"
        "just some text\nwith no timing\n\n"
        "4\n00:00:10.000 -->\nErik: no end\n"
    )
    errors = _errors(text)
    assert errors == [
        "Line 8: '00:00:60.000' is not a time (write it as 00:01:02.500).",
        "Line 8: '00:00:61.000' is not a time (write it as 00:01:02.500).",
        "Line 12: the cue ends (00:00:08.000) before it starts (00:00:09.000).",
        "Line 15: a block with no timing line (START --> END): 'just some text'.",
        "Line 19: a cue's timing line reads START --> END, not '00:00:10.000 -->'.",
    ]


def test_files_that_are_not_webvtt_are_refused_clearly() -> None:
    assert _errors("1\n00:00:01,000 --> 00:00:02,000\nSRT text\n") == [
        "This is not a WebVTT file: the first line must be WEBVTT, not '1'."
    ]
    assert _errors("WEBVTTX\n") == [
        "This is not a WebVTT file: the first line must be WEBVTT, not 'WEBVTTX'."
    ]
    assert _errors("WEBVTT\n\nNOTE only a note\n") == ["The file holds no cues."]
    with pytest.raises(NotTextError, match="PDF"):
        read_transcript(b"%PDF-1.7\x00\x01")
    with pytest.raises(FileTooLargeError):
        read_transcript(b"WEBVTT\n\n" + b"x" * 20, max_bytes=10)
    # Not UTF-8 as a whole: read as Windows-1252 (Excel's Nordic default), names intact.
    latin = read_transcript("WEBVTT\n\n00:01.000 --> 00:02.000\nÅsa Öberg: hej\n".encode("cp1252"))
    assert latin.speakers == ["Åsa Öberg"]


def test_utf16_files_are_read() -> None:
    data = "WEBVTT\n\n00:01.000 --> 00:02.000\nÅsa: hej\n".encode("utf-16")
    assert read_transcript(data).speakers == ["Åsa"]


def test_many_problems_are_summed_up_after_twenty() -> None:
    body = "".join(f"{k}\n00:00:99.000 --> 00:01:00.000\nA: x\n\n" for k in range(30))
    with pytest.raises(TranscriptError) as caught:
        parse_transcript("WEBVTT\n\n" + body)
    shown = caught.value.lines("en")
    assert len(caught.value.problems) == 30
    assert len(shown) == 21 and shown[-1] == "... and 10 more problems."


def test_every_message_has_its_placeholders_filled() -> None:
    assert len(set(MESSAGES)) == len(MESSAGES)


def _stamp(seconds: float, hours: bool) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}" if hours else f"{m:02d}:{s:02d}.{ms:03d}"


@given(st.floats(min_value=0, max_value=3599.999, allow_nan=False), st.booleans())
def test_timestamps_round_trip(seconds: float, hours: bool) -> None:
    value = parse_timestamp(_stamp(seconds, hours))
    assert value is not None and abs(value - round(seconds * 1000) / 1000) < 1e-6


@given(st.text(max_size=300))
def test_any_text_reads_or_fails_with_a_transcript_error(text: str) -> None:
    try:
        parse_transcript("WEBVTT\n\n" + text)
    except TranscriptError as exc:
        assert exc.problems


cue_strategy = st.tuples(
    st.sampled_from(["Anna", "Erik", "Sofie"]),
    st.integers(min_value=0, max_value=600),
    st.integers(min_value=0, max_value=120),
)


@given(st.lists(cue_strategy, min_size=1, max_size=40), st.sampled_from(["\n", "\r\n", "\r"]))
def test_overlapping_cues_of_one_speaker_count_once_and_shares_sum_to_one(
    cues: list[tuple[str, int, int]], newline: str
) -> None:
    body = newline.join(
        f"{k}{newline}{_stamp(s / 4, True)} --> {_stamp((s + d) / 4, True)}{newline}"
        f"<v {name}>words</v>{newline}"
        for k, (name, s, d) in enumerate(cues)
    )
    t = parse_transcript("WEBVTT" + newline + newline + body)
    summary = talk_time(t.segments())
    for speaker in summary.speakers:
        covered = set()
        for name, s, d in cues:
            if name == speaker.name:
                covered.update(range(s, s + d))  # quarter-second cells of speech
        assert abs(speaker.seconds - len(covered) / 4) < 1e-6
    if summary.total_seconds > 0:
        assert abs(sum(s.share for s in summary.speakers) - 1) < 1e-9
