"""``natverk talktime``: talk time per speaker from a Zoom or Teams transcript (WebVTT)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from natverk.cli._common import failures
from natverk.formats.webvtt import read_transcript
from natverk.insights.talk import TalkTime, talk_time

__all__ = ["talktime"]


def _table(summary: TalkTime, unattributed: int, unattributed_seconds: float) -> str:
    width = max([len(s.name) for s in summary.speakers] + [7])
    lines = [f"{'speaker':<{width}}  {'seconds':>8}  {'share':>6}  {'turns':>5}  {'longest':>7}"]
    for s in summary.speakers:
        lines.append(
            f"{s.name:<{width}}  {s.seconds:>8.1f}  {s.share:>6.1%}  {s.turns:>5}  "
            f"{s.longest:>7.1f}"
        )
    lines.append("")
    lines.append(f"total {summary.total_seconds:.1f} s of talk by {len(summary.speakers)} speakers")
    if summary.speakers:
        lines.append(
            f"Gini {summary.gini:.2f} (0 = everyone spoke as much); the quietest, "
            f"{summary.quietest}, spoke {summary.quietest_ratio:.0%} of an equal share"
        )
    if unattributed:
        lines.append(
            f"{unattributed} cues name no speaker ({unattributed_seconds:.1f} s, not counted)"
        )
    return "\n".join(lines)


@click.command()
@click.argument("transcript", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="print JSON instead of a table")
def talktime(transcript: Path, as_json: bool) -> None:
    """Talk time per speaker in TRANSCRIPT (WebVTT from Zoom or Teams): seconds, share,
    turns, longest turn, and how evenly the talk was shared (Gini)."""
    with failures(transcript.name):
        parsed = read_transcript(transcript)
    summary = talk_time(parsed.segments())
    if as_json:
        payload = {
            "speakers": [
                {
                    "name": s.name,
                    "seconds": round(s.seconds, 3),
                    "share": round(s.share, 6),
                    "turns": s.turns,
                    "longest": round(s.longest, 3),
                }
                for s in summary.speakers
            ],
            "total_seconds": round(summary.total_seconds, 3),
            "gini": round(summary.gini, 6),
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(_table(summary, parsed.unattributed, parsed.unattributed_seconds()))
