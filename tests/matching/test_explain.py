"""Explanations name the soft rules a group breaks, in the reader's language."""

from __future__ import annotations

import pytest

from natverk.matching.affinity import build_affinity
from natverk.matching.applicant import Applicant
from natverk.matching.explain import broken_rules, explain_group

PEOPLE = [
    Applicant("Anna Berg", profession="2432", industry="35.11", employer="Vattenfall",
              hopes="ledarskap", offers="kriskommunikation"),
    Applicant("Erik Lund", profession="2432", industry="35.12", employer="E.ON",
              hopes="kriskommunikation", offers="förhandling"),
    Applicant("Sara Ek", profession="2432", industry="47.11", employer="ICA",
              hopes="kriskommunikation", offers="ledarskap"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "industry"),
    [
        ("sv", "Anna Berg och Erik Lund arbetar i samma bransch"),
        ("da", "Anna Berg og Erik Lund arbejder i samme branche"),
        ("en", "Anna Berg and Erik Lund work in the same industry"),
    ],
)
def test_a_shared_industry_is_named_as_a_broken_preference(lang: str, industry: str) -> None:
    model = build_affinity(PEOPLE)
    broken = broken_rules(model, PEOPLE, [0, 1, 2], lang)
    assert any(b.startswith(industry) for b in broken)
    assert explain_group(model, PEOPLE, [0, 1, 2], lang).broken == broken


def test_a_hope_nobody_in_the_group_offers_is_named_and_counted() -> None:
    model = build_affinity(PEOPLE)
    # Without Sara, nobody offers Anna leadership; Erik's hope is met by Anna.
    explanation = explain_group(model, PEOPLE, [0, 1], "en")
    assert any(b.startswith("nobody in the group offers what Anna Berg hopes for") for b in
               explanation.broken)  # fmt: skip
    assert (explanation.members_met, explanation.members_hoping) == (1, 2)
    everyone = explain_group(model, PEOPLE, [0, 1, 2], "en")
    assert not any("nobody in the group offers" in b for b in everyone.broken)
