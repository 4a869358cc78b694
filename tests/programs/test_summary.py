"""The editor's summary counts hopes met and finds the worst-off member as a recount does."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.matching.affinity import AffinityWeights, build_affinity
from natverk.matching.applicant import Applicant
from natverk.matching.explain import group_utilities
from natverk.programs.grouping import Cohort, summarise

TOPICS = ["ledarskap", "förhandling", "kriskommunikation", "budget", "rekrytering", ""]


def _cohort(seed: int, n: int) -> Cohort:
    rng = random.Random(seed)
    people = tuple(
        Applicant(
            f"Person {k}",
            profession=rng.choice(["2432", "2411", "2421"]),
            industry=rng.choice(["47.11", "35.11", "62.01"]),
            hopes=rng.choice(TOPICS),
            offers=rng.choice(TOPICS),
        )
        for k in range(n)
    )
    model = build_affinity(list(people), AffinityWeights())
    return Cohort(tuple(range(n)), people, {k: k for k in range(n)}, model)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 14), st.integers(1, 4))
def test_summary_matches_a_recount_of_every_member(seed: int, n: int, parts: int) -> None:
    cohort = _cohort(seed, n)
    order = list(range(n))
    random.Random(seed).shuffle(order)
    groups = [order[g::parts] for g in range(parts)]
    summary = summarise(cohort, groups)
    met = cohort.model.met  # type: ignore[union-attr]
    can = [bool(met[k].any()) for k in range(n)]
    recount = sum(1 for g in groups for k in g if can[k] and any(met[k, j] for j in g))
    utilities = group_utilities(cohort.model, groups)  # type: ignore[arg-type]
    assert (summary.hoping, summary.hopes_met) == (sum(can), recount)
    assert utilities[summary.worst_off] == min(utilities[k] for g in groups for k in g)
