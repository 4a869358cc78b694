"""Talk time: who spoke how long, and how fairly the time was shared.

Built from speaking segments (a moderator's taps, or a transcript's cues). Overlapping
segments of the same speaker count once; different speakers may overlap (people do talk
over each other) and each is credited. Pure: no Django.

Examples
--------
>>> summary = talk_time([Segment("Anna", 0, 60), Segment("Erik", 60, 80)])
>>> [(s.name, round(s.share, 2)) for s in summary.speakers]
[('Anna', 0.75), ('Erik', 0.25)]
>>> round(summary.gini, 2)
0.25
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Segment", "SpeakerTime", "TalkTime", "gini", "talk_time"]


@dataclass(frozen=True)
class Segment:
    """One stretch of one person speaking, in seconds from the start of the meeting."""

    speaker: str
    start: float
    end: float


@dataclass(frozen=True)
class SpeakerTime:
    """One speaker's share of the talk."""

    name: str
    seconds: float
    share: float
    turns: int
    longest: float


@dataclass(frozen=True)
class TalkTime:
    """Per speaker (most talk first), the total, and how evenly it was shared."""

    speakers: tuple[SpeakerTime, ...]
    total_seconds: float
    gini: float

    @property
    def quietest_ratio(self) -> float:
        """The quietest person's share against an equal share (1 = perfectly even)."""
        if not self.speakers:
            return 1.0
        return min(s.share for s in self.speakers) * len(self.speakers)

    @property
    def quietest(self) -> str:
        """Who spoke least (the one to invite in)."""
        return min(self.speakers, key=lambda s: (s.seconds, s.name)).name if self.speakers else ""


def gini(values: Sequence[float]) -> float:
    """Gini coefficient of non-negative values: 0 when equal, towards 1 when one has all.

    >>> gini([1, 1, 1]), round(gini([0, 0, 3]), 3)
    (0.0, 0.667)
    """
    data = sorted(max(0.0, float(v)) for v in values)
    n, total = len(data), sum(data)
    if n == 0 or total == 0:
        return 0.0
    weighted = math.fsum((2 * (i + 1) - n - 1) * v for i, v in enumerate(data))
    return max(0.0, weighted / (n * total))  # never below 0 by rounding (equal shares)


def _merged(segments: Iterable[Segment]) -> list[tuple[float, float]]:
    """Union of one speaker's intervals: overlapping or touching stretches become one turn."""
    out: list[tuple[float, float]] = []
    for start, end in sorted((s.start, s.end) for s in segments):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def talk_time(segments: Iterable[Segment], *, people: Iterable[str] = ()) -> TalkTime:
    """Seconds, share, turns and longest turn per speaker, and the Gini coefficient.

    ``people`` adds those present who never spoke (with zero), so that silence counts in
    the fairness figures. Segments with a non-finite time or an end before the start are
    refused with ``ValueError``.
    """
    by_speaker: dict[str, list[Segment]] = {name: [] for name in people}
    for segment in segments:
        if not (math.isfinite(segment.start) and math.isfinite(segment.end)):
            raise ValueError(f"segment of {segment.speaker!r} has a non-finite time")
        if segment.end < segment.start:
            raise ValueError(f"segment of {segment.speaker!r} ends before it starts")
        by_speaker.setdefault(segment.speaker, []).append(segment)
    turns = {name: _merged(items) for name, items in by_speaker.items()}
    seconds = {name: sum(e - s for s, e in spans) for name, spans in turns.items()}
    total = sum(seconds.values())
    speakers = tuple(
        sorted(
            (
                SpeakerTime(
                    name=name,
                    seconds=seconds[name],
                    share=seconds[name] / total if total else 0.0,
                    turns=len(spans),
                    longest=max((e - s for s, e in spans), default=0.0),
                )
                for name, spans in turns.items()
            ),
            key=lambda s: (-s.seconds, s.name),
        )
    )
    return TalkTime(speakers, total, gini([s.seconds for s in speakers]))
