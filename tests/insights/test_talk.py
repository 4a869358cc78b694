"""Talk time: shares add up to one, and overlapping time of one speaker counts once."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from natverk.insights.talk import Segment, gini, talk_time


def test_overlapping_segments_of_one_speaker_count_once() -> None:
    summary = talk_time([Segment("Anna", 0, 10), Segment("Anna", 5, 15), Segment("Erik", 15, 20)])
    anna = summary.speakers[0]
    assert (anna.name, anna.seconds, anna.turns, anna.longest) == ("Anna", 15, 1, 15)
    assert summary.total_seconds == 20


def test_people_who_never_spoke_count_in_the_fairness() -> None:
    summary = talk_time([Segment("Anna", 0, 60)], people=["Anna", "Erik", "Sara"])
    assert summary.quietest in ("Erik", "Sara")
    assert summary.quietest_ratio == 0.0
    assert summary.gini == pytest.approx(2 / 3)


def test_an_even_meeting_is_perfectly_fair() -> None:
    summary = talk_time([Segment(n, 10 * i, 10 * i + 10) for i, n in enumerate("ABCD")])
    assert summary.gini == 0.0 and summary.quietest_ratio == pytest.approx(1.0)


def test_broken_segments_are_refused() -> None:
    with pytest.raises(ValueError, match="ends before"):
        talk_time([Segment("A", 10, 5)])
    with pytest.raises(ValueError, match="non-finite"):
        talk_time([Segment("A", 0, float("nan"))])


SEGMENTS = st.lists(
    st.builds(
        lambda who, start, length: Segment(who, start, start + length),
        st.sampled_from(["Anna", "Erik", "Sara", "Omar"]),
        st.floats(0, 5400, allow_nan=False),
        st.floats(0, 600, allow_nan=False),
    ),
    max_size=60,
)


@given(SEGMENTS)
def test_shares_sum_to_one_and_time_is_never_counted_twice(segments: list[Segment]) -> None:
    summary = talk_time(segments)
    if summary.total_seconds > 0:
        assert sum(s.share for s in summary.speakers) == pytest.approx(1.0)
    for speaker in summary.speakers:
        own = [s for s in segments if s.speaker == speaker.name]
        span = max(s.end for s in own) - min(s.start for s in own)
        assert speaker.seconds <= span + 1e-6
        assert speaker.seconds <= sum(s.end - s.start for s in own) + 1e-6
    assert 0.0 <= summary.gini <= 1.0


@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=30))
def test_gini_is_between_zero_and_one(values: list[float]) -> None:
    assert 0.0 <= gini(values) < 1.0


def test_gini_of_equal_shares_is_exactly_zero() -> None:
    assert gini([10923.047316558459] * 5) == 0.0
