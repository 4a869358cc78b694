"""Availability slots and meeting series: when can a group meet, and on which dates.

A slot is a weekly time window such as ``"tue-evening"``. Applicants state theirs in
Swedish, Danish or English ("tisdag kväll", "tirsdag aften", "Tuesday evening"); this
module turns such answers into canonical slot ids and bitmasks (for the matching
engine's group-availability condition), picks a group's common slot, and spreads a
series of meetings (typically six over four months) over that slot, skipping public
holidays. Pure: no Django.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays

from natverk.language import fold

__all__ = [
    "DAY_PARTS",
    "SLOTS",
    "WEEKDAYS",
    "Slot",
    "SlotParseError",
    "common_slots",
    "is_closed",
    "parse_slots",
    "plan_series",
    "slot_label",
    "slots_from_mask",
    "slots_to_mask",
]

#: Canonical weekday keys, Monday first (index = ``date.weekday()``).
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: Canonical parts of the day with their local start time.
DAY_PARTS: dict[str, dt.time] = {
    "morning": dt.time(8, 30),
    "lunch": dt.time(11, 30),
    "afternoon": dt.time(14, 0),
    "evening": dt.time(17, 30),
}
#: Every canonical slot id, in bit order (bit i of a mask is ``SLOTS[i]``).
SLOTS: tuple[str, ...] = tuple(f"{d}-{p}" for d in WEEKDAYS for p in DAY_PARTS)

_DAY_WORDS: dict[str, str] = {
    # English
    "monday": "mon",
    "mon": "mon",
    "tuesday": "tue",
    "tue": "tue",
    "tues": "tue",
    "wednesday": "wed",
    "wed": "wed",
    "thursday": "thu",
    "thu": "thu",
    "thurs": "thu",
    "friday": "fri",
    "fri": "fri",
    "saturday": "sat",
    "sat": "sat",
    "sunday": "sun",
    "sun": "sun",
    # Swedish (diacritics folded)
    "mandag": "mon",
    "man": "mon",
    "tisdag": "tue",
    "tis": "tue",
    "onsdag": "wed",
    "ons": "wed",
    "torsdag": "thu",
    "tors": "thu",
    "tor": "thu",
    "fredag": "fri",
    "fre": "fri",
    "lordag": "sat",
    "lor": "sat",
    "sondag": "sun",
    "son": "sun",
    # Danish and Norwegian
    "tirsdag": "tue",
    "tir": "tue",
}
_PART_WORDS: dict[str, str] = {
    "morning": "morning",
    "am": "morning",
    "breakfast": "morning",
    "morgon": "morning",
    "formiddag": "morning",
    "forenoon": "morning",
    "morgen": "morning",
    "lunch": "lunch",
    "frokost": "lunch",
    "lunsj": "lunch",
    "afternoon": "afternoon",
    "pm": "afternoon",
    "eftermiddag": "afternoon",
    "ettermiddag": "afternoon",
    "evening": "evening",
    "kvall": "evening",
    "aften": "evening",
    "kveld": "evening",
}
_LABELS: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "sv": (
        dict(
            zip(
                WEEKDAYS,
                ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
                strict=True,
            )
        ),
        {"morning": "morgon", "lunch": "lunch", "afternoon": "eftermiddag", "evening": "kväll"},
    ),
    "da": (
        dict(
            zip(
                WEEKDAYS,
                ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
                strict=True,
            )
        ),
        {"morning": "morgen", "lunch": "frokost", "afternoon": "eftermiddag", "evening": "aften"},
    ),
    "en": (
        dict(
            zip(
                WEEKDAYS,
                ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
                strict=True,
            )
        ),
        {"morning": "morning", "lunch": "lunch", "afternoon": "afternoon", "evening": "evening"},
    ),
}


class SlotParseError(ValueError):
    """An availability answer names no recognisable weekday and part of the day."""


@dataclass(frozen=True)
class Slot:
    """A weekly time window: a weekday and a part of the day."""

    weekday: str
    part: str

    @property
    def id(self) -> str:
        """The canonical id, e.g. ``"tue-evening"``."""
        return f"{self.weekday}-{self.part}"

    @property
    def start(self) -> dt.time:
        """Local start time of the slot."""
        return DAY_PARTS[self.part]

    @classmethod
    def from_id(cls, slot_id: str) -> Slot:
        """Parse a canonical id; raise :class:`SlotParseError` for anything else."""
        day, _, part = slot_id.partition("-")
        if day not in WEEKDAYS or part not in DAY_PARTS:
            raise SlotParseError(f"not a slot id: {slot_id!r} (expected e.g. 'tue-evening')")
        return cls(day, part)


_CANONICAL = re.compile(r"(mon|tue|wed|thu|fri|sat|sun)-(morning|lunch|afternoon|evening)")


def _tokens(chunk: str) -> list[str]:
    chunk = chunk.replace("after work", "evening").replace("efter jobbet", "kvall")
    return [t for t in re.split(r"[\s,/+&.:()]+", chunk) if t]


def _match(token: str, table: dict[str, str], min_prefix: int) -> str | None:
    """Look a token up exactly, or as an inflected form of a long enough word."""
    if token in table:
        return table[token]
    for word in sorted(table, key=len, reverse=True):
        if len(word) >= min_prefix and token.startswith(word):
            return table[word]
    return None


def _expand(days: list[str], parts: list[str]) -> set[str]:
    """Slots for some weekdays at some parts of the day; either list empty means all."""
    return {f"{d}-{p}" for d in days or WEEKDAYS[:5] for p in parts or DAY_PARTS}


def parse_slots(answer: str) -> frozenset[str]:
    """Turn a free-text availability answer into canonical slot ids.

    Parts are separated by ``;``, ``,``, ``/``, ``och``, ``og``, ``and`` or new lines;
    each part names one or more weekdays and parts of the day ("tisdag och torsdag kväll"
    gives both evenings). A part with weekdays but no part of the day means all parts of
    those days; a part of the day without weekdays means Monday to Friday. Canonical ids
    pass through unchanged.

    Raises
    ------
    SlotParseError
        When a non-empty answer contains nothing recognisable.

    Examples
    --------
    >>> sorted(parse_slots("Tisdag kväll; torsdag lunch"))
    ['thu-lunch', 'tue-evening']
    >>> sorted(parse_slots("tirsdag aften"))
    ['tue-evening']
    """
    text = fold(answer, plain=True).strip()
    if not text:
        return frozenset()
    found: set[str] = set()
    for chunk in re.split(r"[;\n|]+", text):
        days: list[str] = []
        parts: list[str] = []
        for token in _tokens(chunk):
            if _CANONICAL.fullmatch(token):
                found.add(token)
            elif (day := _match(token, _DAY_WORDS, 5)) is not None:
                if days and parts:  # "tisdag kväll, torsdag lunch": a new pair begins
                    found |= _expand(days, parts)
                    days, parts = [], []
                days.append(day)
            elif (part := _match(token, _PART_WORDS, 4)) is not None:
                parts.append(part)
        if days or parts:
            found |= _expand(days, parts)
    if not found:
        raise SlotParseError(f"no weekday or time of day recognised in {answer!r}")
    return frozenset(found)


def slots_to_mask(slots: Iterable[str]) -> int:
    """Bitmask of canonical slot ids (bit i is ``SLOTS[i]``); empty means "any time"."""
    index = _slot_index()
    mask = 0
    for slot in slots:
        if slot not in index:
            raise SlotParseError(f"not a slot id: {slot!r}")
        mask |= 1 << index[slot]
    return mask if mask else (1 << len(SLOTS)) - 1


def slots_from_mask(mask: int) -> list[str]:
    """Canonical slot ids set in ``mask``, in bit order."""
    return [slot for i, slot in enumerate(SLOTS) if mask >> i & 1]


@cache
def _slot_index() -> dict[str, int]:
    return {slot: i for i, slot in enumerate(SLOTS)}


def common_slots(availability: Sequence[frozenset[str]]) -> list[str]:
    """Slots every member can attend, in bit order (members with no answer fit any slot)."""
    mask = (1 << len(SLOTS)) - 1
    for slots in availability:
        mask &= slots_to_mask(slots)
    return slots_from_mask(mask)


def slot_label(slot_id: str, lang: str = "sv") -> str:
    """Human label of a slot in sv, da or en ("tisdag kväll", "tirsdag aften")."""
    slot = Slot.from_id(slot_id)
    days, parts = _LABELS.get(lang, _LABELS["en"])
    return f"{days[slot.weekday]} {parts[slot.part]}"


@cache
def _closed_periods() -> tuple[tuple[str, str, str, str], ...]:
    """Christmas/New Year and summer weeks per country (data/closed_periods.csv)."""
    path = Path(__file__).parent / "data" / "closed_periods.csv"
    with path.open(encoding="utf-8") as handle:
        return tuple(
            (row["country"], row["kind"], row["start"], row["end"])
            for row in csv.DictReader(handle)
        )


def _in_period(day: dt.date, start: str, end: str) -> bool:
    if start.startswith("week"):
        week = day.isocalendar().week
        return int(start.split()[1]) <= week <= int(end.split()[1])
    key = day.strftime("%m-%d")
    return start <= key <= end if start <= end else key >= start or key <= end


def is_closed(day: dt.date, *, country: str = "SE", skip_summer: bool = True) -> bool:
    """Whether no meeting should fall on ``day``: a public holiday, the Christmas and
    New Year weeks, or (``skip_summer``) the summer weeks of ``country`` ("SE" or "DK").

    Examples
    --------
    >>> is_closed(dt.date(2027, 12, 24)), is_closed(dt.date(2027, 7, 13))
    (True, True)
    >>> is_closed(dt.date(2027, 7, 13), skip_summer=False)
    False
    """
    if day in _holidays(country, day.year):
        return True
    return any(
        _in_period(day, start, end)
        for c, kind, start, end in _closed_periods()
        if c == country and (kind != "summer" or skip_summer)
    )


@cache
def _holidays(country: str, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(country, years=[year])


def _open_week(
    ideal: dt.date, after: dt.date, closed: Callable[[dt.date], bool], limit: int
) -> dt.date:
    """The open day nearest ``ideal`` in whole weeks, after ``after``; later before earlier."""
    for distance in range(limit):
        for sign in (1, -1) if distance else (1,):
            day = ideal + dt.timedelta(weeks=sign * distance)
            if day > after and not closed(day):
                return day
    raise ValueError(f"no open week within {limit} weeks of {ideal}")


def plan_series(
    slot_id: str,
    *,
    first_on_or_after: dt.date,
    count: int = 6,
    span_weeks: int = 16,
    duration_minutes: int = 90,
    tz: str = "Europe/Stockholm",
    country: str = "SE",
    skip_summer: bool = True,
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Dates of a meeting series in a weekly slot, spread evenly over ``span_weeks``.

    The first meeting falls on the slot's first weekday on or after
    ``first_on_or_after`` and the last ``span_weeks`` later; the others are spread
    evenly between them (whole weeks). A meeting that would fall on a closed day
    (:func:`is_closed`: public holidays, Christmas and New Year, summer weeks) moves to
    the nearest open week, later before earlier, keeping the order. Returns aware
    (start, end) pairs in ``tz``.

    Examples
    --------
    >>> dates = plan_series("tue-evening", first_on_or_after=dt.date(2027, 1, 11))
    >>> [d.strftime("%Y-%m-%d %H:%M") for d, _ in dates][:2]
    ['2027-01-12 17:30', '2027-02-02 17:30']
    """
    if count < 1:
        raise ValueError("a meeting series needs at least one meeting")
    if duration_minutes < 1:
        raise ValueError("a meeting lasts at least one minute")
    if span_weeks < 0:
        raise ValueError("a meeting series cannot span a negative number of weeks")
    slot = Slot.from_id(slot_id)
    zone = ZoneInfo(tz)
    target = WEEKDAYS.index(slot.weekday)
    first = first_on_or_after + dt.timedelta(days=(target - first_on_or_after.weekday()) % 7)

    def closed(day: dt.date) -> bool:
        return is_closed(day, country=country, skip_summer=skip_summer)

    dates: list[dt.date] = []
    for k in range(count):
        offset = round(k * span_weeks / (count - 1)) if count > 1 else 0
        ideal = first + dt.timedelta(weeks=offset)
        after = dates[-1] if dates else first - dt.timedelta(days=1)
        dates.append(_open_week(ideal, after, closed, 60))
    length = dt.timedelta(minutes=duration_minutes)
    result = []
    for d in dates:
        start = dt.datetime.combine(d, slot.start, tzinfo=zone)
        result.append((start, start + length))
    return result
