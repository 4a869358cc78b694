"""The affinity model: similar professions, different industries, give and take."""

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.cohorts import generate_cohort
from natverk.matching import form_groups
from natverk.matching.affinity import (
    AffinityWeights,
    build_affinity,
    build_feature_affinity,
    no_common_language,
    normalise_employer,
)
from natverk.matching.applicant import SENIORITY_LEVELS, Applicant
from natverk.matching.explain import explain_group, explain_pair
from natverk.matching.problem import FeatureScores, prepare


def _people() -> list[Applicant]:
    return [
        Applicant(
            "Anna Berg",
            "anna@example.org",
            "2432",
            "47.11",
            "ICA Sverige AB",
            "SE-AB",
            "mid",
            ("sv",),
            hopes="Jag vill lära mig kriskommunikation",
            offers="Ledarskap",
        ),
        Applicant(
            "Erik Ek",
            "erik@example.org",
            "2432",
            "35.11",
            "Vattenfall",
            "SE-AB",
            "senior",
            ("sv", "en"),
            hopes="förhandling",
            offers="Kriskommunikation",
        ),
        Applicant(
            "Mette Holm",
            "mette@example.org",
            "2411",
            "35.11",
            "Ørsted A/S",
            "DK-84",
            "mid",
            ("da", "en"),
            hopes="ledelse",
            offers="forhandling",
        ),
        Applicant(
            "Ola Ström",
            "ola@example.org",
            "2432",
            "47.11",
            "ICA",
            "SE-AB",
            "junior",
            ("sv",),
            hopes="",
            offers="",
            conflicts=frozenset({"erik@example.org"}),
        ),
        Applicant("John Smith", "john@example.org", "2512", "62.01", "Acme Ltd", "", "", ("en",)),
    ]


def test_normalised_employers_match_across_legal_forms() -> None:
    assert normalise_employer("ICA Sverige AB") == normalise_employer("ICA") == "ica"
    assert normalise_employer("Novo Nordisk A/S") == "novo nordisk"


def test_similar_profession_different_industry_and_give_take_score_highest() -> None:
    model = build_affinity(_people())
    s = model.scores
    assert s[0, 1] > s[0, 2]  # same profession, other industry, offers meet hopes
    assert model.met[0, 1] == 1 and model.met[1, 2] == 1
    assert np.allclose(s, s.T)


def test_conflicts_same_employer_declared_and_no_common_language_are_forbidden() -> None:
    model = build_affinity(_people())
    kept = {(int(a), int(b)) for a, b in prepare(model.problem((1, 2))).kept_apart.pairs()}
    assert (0, 3) in kept  # ICA Sverige AB and ICA
    assert (1, 3) in kept  # declared by Ola
    assert (0, 4) in kept  # Swedish only and English only
    assert (0, 1) not in kept


def test_same_employer_is_kept_apart_without_a_pair_list() -> None:
    model = build_affinity(_people())
    (employer,) = model.apart
    assert employer[0] == employer[3] >= 0  # ICA Sverige AB and ICA: one label
    assert len(set(employer.tolist())) == 4
    assert (0, 3) not in model.forbidden  # the pairs are for declared and language only
    assert model.forbidden == [(0, 2), (0, 4), (1, 3), (2, 3), (3, 4)]


def test_the_same_industry_is_a_label_of_nace_divisions_when_asked() -> None:
    weights = AffinityWeights(conflict_same_industry=True)
    employer, division = build_affinity(_people(), weights).apart
    assert division.tolist() == [0, 1, 1, 0, 2]  # 47, 35, 35, 47, 62
    assert employer.tolist() == [0, 1, 2, 0, 3]


def test_conflict_rules_can_be_switched_off() -> None:
    weights = AffinityWeights(conflict_same_employer=False, conflict_no_common_language=False)
    model = build_affinity(_people(), weights)
    assert model.forbidden == [(1, 3)]
    assert model.apart == ()


def test_explanations_name_professions_industries_and_what_meets_what() -> None:
    people = _people()
    model = build_affinity(people)
    sv = explain_pair(model, people, 0, 1, "sv")
    assert sv.startswith("Anna och Erik: samma yrkesgrupp")
    assert "Erik erbjuder kriskommunikation som Anna hoppas på" in sv
    da = explain_pair(model, people, 1, 2, "da")
    assert "Mette tilbyder forhandling, som Erik håber på" in da
    en = explain_pair(model, people, 0, 1, "en")
    assert "Erik offers crisis communication that Anna hopes for" in en


def test_cohort_groups_respect_employers_and_availability_with_explanations() -> None:
    people = generate_cohort(60, seed=4)
    model = build_affinity(people)
    result = form_groups(model.problem((6, 8)), time_limit=2, seed=1, workers=1)
    forbidden = {(int(a), int(b)) for a, b in prepare(model.problem((6, 8))).kept_apart.pairs()}
    assert len(forbidden) > len(model.forbidden)  # the same employers are in it
    for group in result.groups:
        assert 6 <= len(group) <= 8
        assert not {(i, j) for i in group for j in group if i < j} & forbidden
        common = np.bitwise_and.reduce(model.availability[group])
        assert common != 0
        explanation = explain_group(model, people, group, "sv")
        assert explanation.headline.startswith(f"{len(group)} personer")
        assert explanation.pairs


def test_feature_affinity_scores_like_the_dense_model_without_a_matrix() -> None:
    people = generate_cohort(60, seed=5)
    # Without the per-member reward for hopes met (the feature path has none), give and
    # take is a pair credit in both models.
    weights = AffinityWeights(wording=0.0, seniority_mix=0.0, give_take=1.5, hope_met=0.0)
    dense = build_affinity(people, weights)
    problem, hopes, offers = build_feature_affinity(people, weights)
    assert isinstance(problem.scores, FeatureScores)
    scores = problem.scores.dense()
    np.fill_diagonal(scores, 0.0)
    uncapped = (dense.met + dense.met.T) <= 3  # the dense model caps give and take at 3
    np.testing.assert_allclose(scores[uncapped], dense.scores[uncapped], atol=1e-5)
    # Everyone in a cohort shares English, so the conflicts are the employer ones in both.
    assert sorted(problem.forbidden) == dense.forbidden
    assert [a.tolist() for a in problem.apart] == [a.tolist() for a in dense.apart]
    assert hopes == dense.hope_topics and offers == dense.offer_topics


def test_a_cohort_meets_the_hopes_target_of_the_default_weights() -> None:
    model = build_affinity(generate_cohort(40, seed=1))
    result = form_groups(model.problem((6, 8)), seed=1, max_rounds=60, workers=1)
    assert result.hoping > 0
    assert result.hopes_met >= AffinityWeights().hope_share * result.hoping


def _feature_matrix(people: list[Applicant], weights: AffinityWeights) -> np.ndarray:
    """The feature model's scores as a matrix, diagonal 0 as the dense model has it."""
    problem, _hopes, _offers = build_feature_affinity(people, weights)
    assert isinstance(problem.scores, FeatureScores)
    scores = problem.scores.dense()
    np.fill_diagonal(scores, 0.0)
    return scores


def test_feature_affinity_scores_industries_like_the_dense_model_with_sections_alone() -> None:
    codes = ["62.01", "62.09", "63.11", "J", "J", "C", "10.11", "10", "", "99.99.9", ""]
    people = [
        Applicant(name=f"P{k}", email=f"p{k}@example.org", industry=code)
        for k, code in enumerate(codes)
    ]
    weights = AffinityWeights(
        profession=0.0, industry=2.0, wording=0.0, seniority_mix=0.0, hope_met=0.0
    )
    dense = build_affinity(people, weights)
    np.testing.assert_allclose(_feature_matrix(people, weights), dense.scores, atol=1e-5)
    assert dense.scores[0, 1] == 0.0 and dense.scores[0, 2] == 2.0  # division, not section
    assert dense.scores[0, 3] == dense.scores[3, 4] == 1.0  # a section alone: half
    assert dense.scores[0, 8] == dense.scores[8, 9] == dense.scores[8, 10] == 1.0  # unknown


def test_feature_affinity_scores_unknown_professions_like_the_dense_model() -> None:
    codes = ["2431", "2431", "2432", "2511", "", "9999", "", "1"]
    people = [
        Applicant(name=f"P{k}", email=f"p{k}@example.org", profession=code)
        for k, code in enumerate(codes)
    ]
    weights = AffinityWeights(
        profession=3.0, industry=0.0, wording=0.0, seniority_mix=0.0, hope_met=0.0
    )
    dense = build_affinity(people, weights)
    np.testing.assert_allclose(_feature_matrix(people, weights), dense.scores, atol=1e-5)
    assert dense.scores[0, 4] == dense.scores[4, 6] == 1.5  # unknown: the neutral half


def test_seniority_mix_is_off_by_default_and_credits_levels_apart_when_asked() -> None:
    people = [
        Applicant(name=f"P{k}", email=f"p{k}@example.org", seniority=level)
        for k, level in enumerate(SENIORITY_LEVELS)
    ]
    base = AffinityWeights(profession=0.0, industry=0.0, wording=0.0, hope_met=0.0)
    assert not build_affinity(people, base).scores.any()
    mixed = build_affinity(people, replace(base, seniority_mix=0.6)).scores
    far = len(SENIORITY_LEVELS) - 1
    assert mixed[0, far] == pytest.approx(0.6 * far / 3.0) and mixed[0, 1] < mixed[0, far]


@given(st.lists(st.lists(st.sampled_from(["sv", "da", "en", "nb"]), max_size=2), max_size=14))
@settings(max_examples=80, deadline=None)
def test_no_common_language_pairs_are_those_whose_known_languages_share_none(
    spoken: list[list[str]],
) -> None:
    people = [Applicant(name=f"P{k}", languages=tuple(x)) for k, x in enumerate(spoken)]
    expected = {
        (i, j)
        for i in range(len(people))
        for j in range(i + 1, len(people))
        if spoken[i] and spoken[j] and not set(spoken[i]) & set(spoken[j])
    }
    assert no_common_language(people, 10_000) == expected
