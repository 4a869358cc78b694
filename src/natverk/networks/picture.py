"""The picture of a member's networks: value (up) against energy (right), each network a
bubble whose area grows with the hours a month it takes. Geometry only (the template
draws the SVG and the table beside it). No Django.

Examples
--------
>>> [b] = layout([Point("Kommunikatörer", value=5, energy=2, hours=4.0, advice="invest")])
>>> (b.x, b.y, b.r) == (PLOT.right, PLOT.top, radius(4.0))
True
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["PLOT", "Bubble", "Plot", "Point", "layout", "radius"]


@dataclass(frozen=True)
class Plot:
    """The drawing area inside the SVG's view box (width x height)."""

    width: int = 360
    height: int = 300
    # Room for the largest bubble (30) spread from its spot (14) on every side.
    left: int = 50
    right: int = 316
    top: int = 46
    bottom: int = 236

    @property
    def middle_x(self) -> float:
        """Where energy is even (gives as much as it takes)."""
        return (self.left + self.right) / 2

    @property
    def middle_y(self) -> float:
        """Where the value is 3."""
        return (self.top + self.bottom) / 2

    @property
    def half_width(self) -> float:
        """Width of a quarter of the drawing area."""
        return (self.right - self.left) / 2

    @property
    def half_height(self) -> float:
        """Height of a quarter of the drawing area."""
        return (self.bottom - self.top) / 2

    def value_y(self, value: int) -> float:
        """The height of a value 1..5."""
        return self.bottom - (value - 1) / 4 * (self.bottom - self.top)


PLOT = Plot()
_SMALLEST, _LARGEST = 7.0, 30.0


@dataclass(frozen=True)
class Point:
    """One reviewed network as the picture needs it."""

    name: str
    value: int  # 1..5
    energy: int  # -2 (takes a lot) .. 2 (gives a lot)
    hours: float  # a month
    advice: str
    key: int = 0  # the network's id (two networks may share a name)


@dataclass(frozen=True)
class Bubble:
    """A network drawn: centre, radius, a short label and where the label goes."""

    point: Point
    x: float
    y: float
    r: float
    label: str
    label_x: float
    label_y: float
    anchor: str  # "start" or "end": labels stay inside the picture


def radius(hours: float) -> float:
    """The bubble's radius: its area grows with the hours, within readable bounds."""
    return round(min(_LARGEST, _SMALLEST + 4.5 * math.sqrt(max(hours, 0.0))), 1)


def _short(name: str, most: int = 18) -> str:
    return name if len(name) <= most else name[: most - 1].rstrip() + "…"


def layout(points: Sequence[Point], plot: Plot = PLOT) -> list[Bubble]:
    """Place every point; networks at the same spot are spread on a small circle."""
    spots: dict[tuple[int, int], list[Point]] = defaultdict(list)
    for point in points:
        spots[(point.value, point.energy)].append(point)
    bubbles = []
    step = (plot.right - plot.left) / 4
    for (value, energy), here in spots.items():
        cx = plot.middle_x + energy * step
        cy = plot.value_y(value)
        spread = 0.0 if len(here) == 1 else 14.0
        for i, point in enumerate(sorted(here, key=lambda p: -p.hours)):
            angle = 2 * math.pi * i / len(here)
            x = round(cx + spread * math.cos(angle), 1)
            y = round(cy + spread * math.sin(angle), 1)
            r = radius(point.hours)
            right_half = x > plot.middle_x + 1
            bubbles.append(
                Bubble(
                    point=point,
                    x=x,
                    y=y,
                    r=r,
                    label=_short(point.name),
                    label_x=round(x - r - 3 if right_half else x + r + 3, 1),
                    label_y=round(y + 4, 1),
                    anchor="end" if right_half else "start",
                )
            )
    return sorted(bubbles, key=lambda b: -b.r)  # small bubbles drawn last, on top
