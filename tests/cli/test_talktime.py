"""`natverk talktime` on real transcripts and on files that are not WebVTT."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from natverk.cli import cli

SAMPLES = Path(__file__).parents[1] / "formats" / "webvtt"


def test_talktime_prints_a_table_for_a_zoom_transcript() -> None:
    result = CliRunner().invoke(
        cli, ["talktime", str(SAMPLES / "zoom_two_speakers_unattributed_cues.vtt")]
    )
    assert result.exit_code == 0, result.output
    assert "Dora Demszky" in result.output and "Ashlee Kupor (SL)" in result.output
    assert "9 cues name no speaker" in result.output
    assert "Gini" in result.output


def test_talktime_json_has_exactly_the_documented_shape() -> None:
    result = CliRunner().invoke(
        cli, ["talktime", str(SAMPLES / "teams_numbered_cues_fixture.vtt"), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"speakers", "total_seconds", "gini"}
    assert [set(s) for s in data["speakers"]] == [
        {"name", "seconds", "share", "turns", "longest"}
    ] * len(data["speakers"])
    assert abs(sum(s["share"] for s in data["speakers"]) - 1) < 1e-5
    assert abs(data["total_seconds"] - sum(s["seconds"] for s in data["speakers"])) < 1e-6


def test_talktime_refuses_a_file_that_is_not_webvtt(tmp_path: Path) -> None:
    srt = tmp_path / "meeting.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["talktime", str(srt)])
    assert result.exit_code == 1
    assert "meeting.srt" in result.output and "not a WebVTT file" in result.output


def test_talktime_names_the_line_of_a_malformed_cue(tmp_path: Path) -> None:
    vtt = tmp_path / "broken.vtt"
    vtt.write_text(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA: hi\n\n"
        "2\n00:00:0x.000 --> 00:00:03.000\nB: x",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["talktime", str(vtt)])
    assert result.exit_code == 1
    assert "Line 8: '00:00:0x.000' is not a time" in result.output
