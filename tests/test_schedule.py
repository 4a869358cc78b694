"""Availability slots and meeting-series planning."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.schedule import (
    SLOTS,
    SlotParseError,
    common_slots,
    is_closed,
    parse_slots,
    plan_series,
    slot_label,
    slots_from_mask,
    slots_to_mask,
)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Tisdag kväll", {"tue-evening"}),
        ("tirsdag aften", {"tue-evening"}),
        ("Tuesday evening, Thursday lunch", {"tue-evening", "thu-lunch"}),
        ("tisdag och torsdag kväll", {"tue-evening", "thu-evening"}),
        ("Måndag morgon; Onsdag eftermiddag", {"mon-morning", "wed-afternoon"}),
        ("tue-evening;thu-lunch", {"tue-evening", "thu-lunch"}),
        ("tisdagar", {f"tue-{p}" for p in ("morning", "lunch", "afternoon", "evening")}),
    ],
)
def test_parse_slots_reads_swedish_danish_and_english(answer: str, expected: set[str]) -> None:
    assert parse_slots(answer) == expected


def test_parse_slots_part_of_day_alone_means_weekdays() -> None:
    assert parse_slots("kvällar") == {f"{d}-evening" for d in ("mon", "tue", "wed", "thu", "fri")}


def test_parse_slots_empty_answer_is_no_constraint() -> None:
    assert parse_slots("  ") == frozenset()
    assert slots_to_mask(parse_slots("")) == (1 << len(SLOTS)) - 1


def test_parse_slots_rejects_answer_with_nothing_recognisable() -> None:
    with pytest.raises(SlotParseError, match="no weekday"):
        parse_slots("when the moon is full")


@given(st.sets(st.sampled_from(SLOTS), min_size=1))
def test_mask_round_trips_slot_sets(slots: set[str]) -> None:
    assert set(slots_from_mask(slots_to_mask(slots))) == slots


def test_common_slots_is_the_intersection_and_ignores_members_without_answer() -> None:
    group = [
        frozenset({"tue-evening", "thu-lunch"}),
        frozenset({"tue-evening", "mon-morning"}),
        frozenset(),
    ]
    assert common_slots(group) == ["tue-evening"]


def test_slot_label_speaks_three_languages() -> None:
    assert slot_label("tue-evening", "sv") == "tisdag kväll"
    assert slot_label("tue-evening", "da") == "tirsdag aften"
    assert slot_label("tue-evening", "en") == "Tuesday evening"


def test_plan_series_spreads_six_meetings_over_four_months_in_stockholm_time() -> None:
    dates = plan_series("tue-evening", first_on_or_after=dt.date(2027, 1, 11))
    assert len(dates) == 6
    starts = [start for start, _ in dates]
    assert all(s.weekday() == 1 and s.hour == 17 and s.minute == 30 for s in starts)
    assert all(end - start == dt.timedelta(minutes=90) for start, end in dates)
    assert starts == sorted(starts)
    assert (starts[-1] - starts[0]).days <= 16 * 7
    assert starts[0].tzinfo is not None and str(starts[0].tzinfo) == "Europe/Stockholm"


def test_plan_series_skips_public_holidays() -> None:
    # Ascension Day 2027 is Thursday 6 May in Sweden.
    dates = plan_series("thu-lunch", first_on_or_after=dt.date(2027, 5, 6), count=1)
    assert dates[0][0].date() == dt.date(2027, 5, 13)


def test_plan_series_keeps_local_time_across_daylight_saving_change() -> None:
    dates = plan_series("wed-evening", first_on_or_after=dt.date(2027, 3, 1), count=6)
    assert {start.strftime("%H:%M") for start, _ in dates} == {"17:30"}
    offsets = {start.utcoffset() for start, _ in dates}
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}


def test_plan_series_rejects_empty_series() -> None:
    with pytest.raises(ValueError, match="at least one meeting"):
        plan_series("tue-evening", first_on_or_after=dt.date(2027, 1, 1), count=0)


def test_four_meetings_over_ten_weeks_span_ten_weeks() -> None:
    dates = plan_series(
        "wed-evening", first_on_or_after=dt.date(2027, 2, 1), count=4, span_weeks=10
    )
    assert (dates[-1][0].date() - dates[0][0].date()).days == 70
    gaps = [(b[0] - a[0]).days // 7 for a, b in zip(dates, dates[1:], strict=False)]
    assert gaps == [3, 4, 3]


def test_a_spring_series_never_meets_at_christmas_or_new_year() -> None:
    dates = plan_series(
        "tue-evening", first_on_or_after=dt.date(2026, 12, 14), count=6, span_weeks=16
    )
    for start, _end in dates:
        day = start.date()
        assert not (day.month == 12 and day.day >= 20) and not (day.month == 1 and day.day <= 6)
    assert dates[0][0].date() == dt.date(2026, 12, 15)


def test_summer_weeks_are_skipped_unless_the_program_meets_in_summer() -> None:
    summer = plan_series(
        "thu-evening", first_on_or_after=dt.date(2027, 6, 1), count=6, span_weeks=12
    )
    assert all(not 26 <= s.isocalendar().week <= 32 for s, _ in summer)
    kept = plan_series(
        "thu-evening",
        first_on_or_after=dt.date(2027, 6, 1),
        count=6,
        span_weeks=12,
        skip_summer=False,
    )
    assert any(26 <= s.isocalendar().week <= 32 for s, _ in kept)


def test_danish_holidays_are_skipped_for_a_danish_series() -> None:
    # Maundy Thursday is a Danish public holiday but not a Swedish one.
    danish = plan_series(
        "thu-evening", first_on_or_after=dt.date(2025, 4, 17), count=1, country="DK"
    )
    swedish = plan_series("thu-evening", first_on_or_after=dt.date(2025, 4, 17), count=1)
    assert danish[0][0].date() != dt.date(2025, 4, 17)
    assert swedish[0][0].date() == dt.date(2025, 4, 17)


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2030, 12, 31)),
    count=st.integers(1, 12),
    span=st.integers(0, 52),
    slot=st.sampled_from(["mon-evening", "tue-lunch", "wed-morning", "thu-evening", "fri-lunch"]),
    country=st.sampled_from(["SE", "DK"]),
)
def test_series_are_ordered_on_open_days_of_the_slot(
    start: dt.date, count: int, span: int, slot: str, country: str
) -> None:
    dates = [
        s.date()
        for s, _ in plan_series(
            slot, first_on_or_after=start, count=count, span_weeks=span, country=country
        )
    ]
    assert len(dates) == count
    assert all(a < b for a, b in zip(dates, dates[1:], strict=False))
    assert all(not is_closed(d, country=country) for d in dates)
    assert all(d.weekday() == ("mon", "tue", "wed", "thu", "fri").index(slot[:3]) for d in dates)
    assert dates[0] >= start
