"""Measured talk time beside the answers: means per meeting and per group."""

from __future__ import annotations

import pytest

from natverk.feedback.measured import Measured, fairness_by


def test_fairness_is_averaged_per_meeting_and_per_group() -> None:
    rows = [Measured(1, 1, 0.2, 0.6), Measured(2, 1, 0.4, 0.2), Measured(1, 2, 0.1, 0.9)]
    meetings = fairness_by(rows, "meeting")
    assert meetings[1].gini == pytest.approx(0.3) and meetings[1].n == 2
    assert meetings[2].quietest_ratio == pytest.approx(0.9) and meetings[2].n == 1
    groups = fairness_by(rows, "group")
    assert groups[1].gini == pytest.approx(0.15) and groups[1].n == 2
    assert set(groups) == {1, 2} and fairness_by([], "group") == {}
