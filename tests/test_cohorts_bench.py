"""bench/cohorts.py's `--weight NAME=VALUE`: any weight of the affinity model, and a
clear stop for a name or value it does not know."""

from __future__ import annotations

import pytest

from tests.bench_modules import load_bench

cohorts = load_bench("cohorts")


def test_weight_pairs_become_affinity_weights() -> None:
    assert cohorts._weights_from(["wording=0", "industry=0.5"]) == {
        "wording": 0.0,
        "industry": 0.5,
    }


def test_weight_refuses_an_unknown_name_and_lists_the_known() -> None:
    with pytest.raises(SystemExit, match="no weight 'colour'.*hope_share"):
        cohorts._weights_from(["colour=1"])


def test_weight_refuses_a_rule_switch() -> None:
    with pytest.raises(SystemExit, match="no weight 'conflict_same_employer'"):
        cohorts._weights_from(["conflict_same_employer=0"])


def test_weight_refuses_a_value_that_is_not_a_number() -> None:
    with pytest.raises(SystemExit, match="'high' is not a number"):
        cohorts._weights_from(["profession=high"])
