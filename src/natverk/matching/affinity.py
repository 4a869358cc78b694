"""Affinity: how good is it that two applicants share a group?

A network leader puts people with similar professions from different industries
together, so that what one can offer meets what another hopes for. The affinity of
two applicants is a weighted sum of

- profession similarity: 1 - ISCO-08 tree distance (same unit group = 1);
- industry difference: different NACE divisions = 1, the same division = 0 (the
  industry that the "different industry" rule and the explanations mean);
- give and take: topics of my hopes met by your offers, and back (see
  :mod:`natverk.language`), with a little credit for similar wording (TF-IDF);
- options: same region (for in-person programs), seniority mix, and shared
  interface languages.

Beside the pairs, every member whose hopes someone in the group meets adds
``hope_met`` once (a reward per member, so the search spreads the people who can help
over the groups that need them): what makes leaders pre-interview.

Hard conflicts: the same employer (normalised, so "ICA Sverige AB" = "ICA") and, when
the leader asks for it, the same industry (NACE division) become labels, one number per
applicant (``GroupingProblem.apart``): applicants with the same label never share a
group, and no list of the pairs among them is built, so 10,000 applicants from 55
employers cost 10,000 numbers, not a million pairs. A declared conflict and two people
without a common language become forbidden pairs, at most ``MAX_CONFLICT_PAIRS`` of them.
Availability slots become bitmasks: each group needs a slot all its members can meet.
Pure: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from natverk.language import fold, text_similarity, topics
from natverk.matching.applicant import SENIORITY_LEVELS, Applicant
from natverk.matching.hope_topics import TopicHopes
from natverk.matching.problem import GroupingProblem, ProblemTooLargeError
from natverk.schedule import slots_to_mask
from natverk.taxonomy import (
    UnknownCodeError,
    industry,
    industry_difference,
    occupation_distance,
)

__all__ = [
    "AffinityModel",
    "AffinityWeights",
    "apart_key",
    "apart_rules",
    "build_affinity",
    "build_feature_affinity",
    "no_common_language",
    "normalise_employer",
]

#: Above this many applicants the dense model (several n x n arrays: at 2,000 about 0.26 GB,
#: 0.43 GB with the search) gives way to :func:`build_feature_affinity` (no n x n array).
DENSE_LIMIT = 2_000
#: Most forbidden pairs (declared conflicts, no common language) kept as a list; the same
#: employer or industry is a label per applicant and needs no list.
MAX_CONFLICT_PAIRS = 1_000_000

_LEGAL_FORMS = {
    "ab",
    "publ",
    "a/s",
    "as",
    "aps",
    "asa",
    "oy",
    "oyj",
    "ltd",
    "limited",
    "inc",
    "llc",
    "gmbh",
    "plc",
    "kb",
    "hb",
    "ek",
    "för",
    "group",
    "gruppen",
    "koncernen",
    "sverige",
    "sweden",
    "danmark",
    "denmark",
    "norge",
    "norway",
    "holding",
    "the",
    "i/s",
    "amba",
}


def normalise_employer(name: str) -> str:
    """A comparable key of an employer name: "ICA Sverige AB" and "ICA" both give "ica".

    >>> normalise_employer("ICA Sverige AB") == normalise_employer("ica")
    True
    >>> normalise_employer("Novo Nordisk A/S")
    'novo nordisk'
    """
    words = re.findall(r"[\w/&]+", fold(name))
    kept = [w for w in words if w not in _LEGAL_FORMS]
    return " ".join(kept or words)


@dataclass(frozen=True)
class AffinityWeights:
    """Weights of the affinity terms, per program; the defaults suit a digital program
    of professionals (similar professions, different industries, give and take).

    hope_met: reward for each member whose hopes a group-mate meets (per member, not
    per pair; large cohorts on the feature path get it as pair credit instead), for at
    most ``hope_share`` of the members whose hopes someone in the cohort meets: a
    target (95 %, what a leader is promised), after which the search spends itself on
    the pairs. give_take: credit per pair for topics met both ways. region: same-region
    bonus (set it for in-person programs). seniority_mix: credit for different seniority
    (off: not one of the three things a program groups by; each 0.1 of it costs
    profession similarity). conflict_same_employer / conflict_no_common_language /
    conflict_same_industry: keep those pairs apart (hard); the same industry is a NACE
    division. The balance of profession (1.0) and industry (0.85) keeps both where the
    earlier search had them at 40, 200 and 1,000 members (docs/benchmarks.md, "Near
    lists, a drawn threshold and the weights").
    """

    profession: float = 1.0
    industry: float = 0.85
    give_take: float = 0.0
    hope_met: float = 4.0
    hope_share: float = 0.955
    wording: float = 0.3
    region: float = 0.0
    seniority_mix: float = 0.0
    conflict_same_employer: bool = True
    conflict_no_common_language: bool = True
    conflict_same_industry: bool = False


@dataclass(frozen=True)
class AffinityModel:
    """Scores, hard conflicts and the parts behind each score (for explanations).

    ``forbidden`` holds the declared and no-common-language pairs; ``apart`` a labelling
    per rule that keeps applicants with the same label apart (employer, industry).
    """

    scores: NDArray[np.float64]
    profession_similarity: NDArray[np.float64]
    industry_difference: NDArray[np.float64]
    met: NDArray[np.int64]  # met[i, j]: number of i's hope topics that j offers
    forbidden: list[tuple[int, int]]
    availability: NDArray[np.uint64]
    hope_topics: list[frozenset[str]]
    offer_topics: list[frozenset[str]]
    hope_met: float = 0.0  # reward per member whose hopes a group-mate meets
    hope_share: float = 1.0  # ... for at most this share of those who can be met
    # labels per rule (-1: none); () in models cached before labels, whose forbidden
    # pairs hold the same employers
    apart: tuple[NDArray[np.int64], ...] = ()
    apart_rules: tuple[str, ...] = ()  # the rule of each labelling: "employer", "industry"

    @property
    def hopes(self) -> list[tuple[int, int]]:
        """Pairs (i, j): j offers a topic that i hopes for."""
        return [(int(i), int(j)) for i, j in zip(*np.nonzero(self.met > 0), strict=True)]

    def problem(self, size: tuple[int, int] = (6, 8), fairness: float = 0.0) -> GroupingProblem:
        """The grouping problem: these scores, hopes, conflicts and availability."""
        return GroupingProblem(
            self.scores,
            size=size,
            forbidden=self.forbidden,
            apart=self.apart,
            availability=self.availability,
            fairness=fairness,
            hopes=self.hopes if self.hope_met > 0 else (),
            hope_weight=self.hope_met,
            hope_share=self.hope_share,
        )


def _pairwise(values: Sequence[str], distance: object) -> NDArray[np.float64]:
    """Pairwise tree distance over the distinct codes (few), spread to all people."""
    codes = sorted(set(values))
    index = {c: k for k, c in enumerate(codes)}
    table = np.full((len(codes), len(codes)), np.nan)
    for a, ca in enumerate(codes):
        for b, cb in enumerate(codes):
            if not ca or not cb:
                continue
            try:
                table[a, b] = distance(ca, cb)  # type: ignore[operator]
            except UnknownCodeError:
                continue
    ids = np.array([index[v] for v in values], dtype=np.int64)
    return table[np.ix_(ids, ids)]


def build_affinity(
    applicants: Sequence[Applicant], weights: AffinityWeights | None = None
) -> AffinityModel:
    """Score every pair of applicants and collect the hard conflicts.

    Parameters
    ----------
    applicants
        The intake answers.
    weights
        Program weights (defaults: :class:`AffinityWeights`).

    Returns
    -------
    AffinityModel
        A dense (n, n) score matrix and its parts; use ``model.problem(size)``.
    """
    w = weights or AffinityWeights()
    # Unknown or missing codes count as neutral: half similar, half different.
    prof = 1.0 - np.nan_to_num(
        _pairwise([a.profession for a in applicants], occupation_distance), nan=0.5
    )
    ind = np.nan_to_num(_pairwise([a.industry for a in applicants], industry_difference), nan=0.5)
    hopes = [topics(a.hopes) for a in applicants]
    offers = [topics(a.offers) for a in applicants]
    met = _met(hopes, offers)
    give_take = np.minimum(met + met.T, 3) / 3.0
    wording = text_similarity([a.hopes for a in applicants], [a.offers for a in applicants])
    wording = (wording + wording.T) / 2.0
    scores = w.profession * prof + w.industry * ind + w.give_take * give_take + w.wording * wording
    if w.region:
        regions = np.array([a.region or f"?{k}" for k, a in enumerate(applicants)])
        scores += w.region * (regions[:, None] == regions[None, :])
    if w.seniority_mix:
        level = np.array(
            [
                SENIORITY_LEVELS.index(a.seniority) if a.seniority in SENIORITY_LEVELS else 1
                for a in applicants
            ],
            dtype=float,
        )
        scores += w.seniority_mix * np.abs(level[:, None] - level[None, :]) / 3.0
    np.fill_diagonal(scores, 0.0)
    apart, forbidden = _conflicts(applicants, w)
    masks = np.array([slots_to_mask(a.availability) for a in applicants], dtype=np.uint64)
    return AffinityModel(
        apart_rules=apart_rules(w),
        scores=scores,
        profession_similarity=prof,
        industry_difference=ind,
        met=met,
        forbidden=forbidden,
        availability=masks,
        hope_topics=hopes,
        offer_topics=offers,
        hope_met=w.hope_met,
        hope_share=w.hope_share,
        apart=apart,
    )


def _met(hopes: Sequence[frozenset[str]], offers: Sequence[frozenset[str]]) -> NDArray[np.int64]:
    """met[i, j] = how many of i's hope topics j offers (sparse incidence product)."""
    from scipy.sparse import csr_matrix

    n = len(hopes)
    vocabulary = {t: k for k, t in enumerate(sorted(set().union(*hopes, *offers)))}
    if not vocabulary:
        return np.zeros((n, n), dtype=np.int64)

    def incidence(sets: Sequence[frozenset[str]]) -> csr_matrix:
        rows = [i for i, s in enumerate(sets) for _ in s]
        cols = [vocabulary[t] for s in sets for t in s]
        return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocabulary)))

    met: NDArray[np.int64] = np.asarray(
        (incidence(hopes) @ incidence(offers).T).toarray(), dtype=np.int64
    )
    np.fill_diagonal(met, 0)
    return met


def _section_and_division(code: str) -> tuple[str, ...]:
    """The NACE section and division of an industry code: both, the section alone for a
    section code, () when unknown."""
    try:
        return industry(code).path[:2]
    except UnknownCodeError:
        return ()


def _division(code: str) -> str:
    """The NACE division (two digits) of an industry code, "" when unknown or coarser."""
    path = _section_and_division(code)
    return path[1] if len(path) > 1 else ""


def _same(keys: Sequence[str]) -> NDArray[np.int64]:
    """A label per position: the same number for the same non-empty key, -1 for none."""
    index: dict[str, int] = {}
    return np.array(
        [index.setdefault(key, len(index)) if key else -1 for key in keys], dtype=np.int64
    )


def apart_rules(w: AffinityWeights) -> tuple[str, ...]:
    """The rules kept as labels ("employer", "industry"), in the order of the labellings."""
    on = {"employer": w.conflict_same_employer, "industry": w.conflict_same_industry}
    return tuple(rule for rule, kept in on.items() if kept)


def apart_key(rule: str, applicant: Applicant) -> str:
    """What one rule labels an applicant by: the employer or the NACE division ("": none)."""
    if rule == "employer":
        return normalise_employer(applicant.employer)
    return _division(applicant.industry)


def _conflicts(
    applicants: Sequence[Applicant], w: AffinityWeights
) -> tuple[tuple[NDArray[np.int64], ...], list[tuple[int, int]]]:
    """The hard conflicts: labels for the rules shared by many (same employer, same
    industry), forbidden pairs for the rest (declared, no common language)."""
    labels = [_same([apart_key(rule, a) for a in applicants]) for rule in apart_rules(w)]
    pairs: set[tuple[int, int]] = set()
    by_email = {a.email.strip().lower(): k for k, a in enumerate(applicants) if a.email}
    for k, a in enumerate(applicants):
        for email in a.conflicts:
            other = by_email.get(email.strip().lower())
            if other is not None and other != k:
                pairs.add((min(k, other), max(k, other)))
    if w.conflict_no_common_language:
        pairs |= no_common_language(applicants, MAX_CONFLICT_PAIRS - len(pairs))
    _check_conflicts(len(pairs))
    return tuple(labels), sorted(pairs)


def no_common_language(applicants: Sequence[Applicant], most: int) -> set[tuple[int, int]]:
    """The pairs (i < j) whose known languages share none (no language given fits anyone),
    found between classes of people with the same languages: the classes are few, so
    this costs the pairs, not n^2. More than ``most`` pairs are refused before they are
    made (:class:`ProblemTooLargeError`)."""
    classes: dict[frozenset[str], list[int]] = {}
    for k, a in enumerate(applicants):
        if a.languages:
            classes.setdefault(frozenset(a.languages), []).append(k)
    keys = list(classes)
    pairs: set[tuple[int, int]] = set()
    for x, first in enumerate(keys):
        for second in keys[x + 1 :]:
            if first & second:
                continue
            _check_conflicts(len(pairs) + len(classes[first]) * len(classes[second]), most)
            pairs.update((min(i, j), max(i, j)) for i in classes[first] for j in classes[second])
    return pairs


def _check_conflicts(count: int, most: int | None = None) -> None:
    """Refuse more than ``most`` forbidden pairs (default and in all
    ``MAX_CONFLICT_PAIRS``: the list bounds memory)."""
    if count > (MAX_CONFLICT_PAIRS if most is None else most):
        raise ProblemTooLargeError(
            f"more than {MAX_CONFLICT_PAIRS:,} pairs of applicants may not share a group "
            "because they have no common language or declared a conflict: natverk cannot "
            "keep them all apart"
        )


def _levels(codes: Sequence[str], paths: Sequence[tuple[str, ...]]) -> NDArray[np.float32]:
    """One-hot of every ancestor level of each code (columns: distinct (level, code))."""
    columns: dict[tuple[int, str], int] = {}
    rows: list[list[int]] = []
    for path in paths:
        row = []
        for level, code in enumerate(path):
            row.append(columns.setdefault((level, code), len(columns)))
        rows.append(row)
    out = np.zeros((len(codes), max(1, len(columns))), dtype=np.float32)
    for i, row in enumerate(rows):
        out[i, row] = 1.0
    return out


def _industry_features(
    applicants: Sequence[Applicant], weight: float
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Left and right features whose pair term ``L_i.R_j + L_j.R_i`` is ``-weight`` times
    the sameness of :func:`~natverk.taxonomy.industry_difference` (1 same division, 0.5
    a section-only code in the same section): the bias ``weight`` makes it the difference.
    Blocks: divisions (D), a section-only code's section (C), and its correction when
    both codes are only sections (the two halves would otherwise add up to 1)."""
    paths = [_section_and_division(a.industry) for a in applicants]
    divisions = {v: k for k, v in enumerate(sorted({p[1] for p in paths if len(p) == 2}))}
    sections = {s: k for k, s in enumerate(sorted({p[0] for p in paths if p}))}
    n = len(applicants)
    d = np.zeros((n, max(1, len(divisions))), dtype=np.float32)
    c = np.zeros((n, max(1, len(sections))), dtype=np.float32)
    s = np.zeros_like(c)
    for i, path in enumerate(paths):
        if len(path) == 2:
            d[i, divisions[path[1]]] = 1.0
        if path:
            s[i, sections[path[0]]] = 1.0
        if len(path) == 1:
            c[i, sections[path[0]]] = 1.0
    unknown_left, unknown_right = _unknown_features([not p for p in paths], -weight / 2)
    left = np.hstack([-weight * d / 2, -weight * c / 2, weight * c / 4, unknown_left])
    right = np.hstack([d, s, c, unknown_right])
    return left.astype(np.float32), right.astype(np.float32)


def _unknown_features(
    unknown: Sequence[bool], value: float
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Features whose pair term is ``value`` when either code is unknown or missing (the
    dense model's neutral half), else 0: ``value * (u_i + u_j - u_i * u_j)``."""
    u = np.asarray(unknown, dtype=np.float32).reshape(-1, 1)
    left = np.hstack([value * u, -value * u / 2])
    right = np.hstack([np.ones_like(u), u])
    return left, right


def build_feature_affinity(
    applicants: Sequence[Applicant], weights: AffinityWeights | None = None
) -> tuple[GroupingProblem, list[frozenset[str]], list[frozenset[str]]]:
    """The affinity model for very large cohorts, as features instead of an n x n matrix.

    Scores profession similarity and industry difference exactly as
    :func:`build_affinity` does (the ISCO tree distance is a sum over shared ancestor
    levels, the industry difference one-hot divisions and sections, an unknown or
    missing code the neutral half of either),
    and give and take as the number of hope topics met both ways (without the cap at 3,
    only when ``give_take`` is set). Hopes are the problem's ``topic_hopes``, with the
    per-member reward and its target as on the dense path. Wording, region and
    seniority terms are left out. Same employer and same industry (if asked)
    are labels, declared conflicts forbidden pairs, availability masks as before.

    Returns the grouping problem (``size`` to be set by the caller with
    ``dataclasses.replace``), and the hope and offer topics per applicant.
    """
    from natverk.matching.problem import FeatureScores
    from natverk.taxonomy import occupation

    w = weights or AffinityWeights()
    n = len(applicants)

    def isco_path(code: str) -> tuple[str, ...]:
        try:
            full = occupation(code).code
        except UnknownCodeError:
            return ()
        return tuple(full[: k + 1] for k in range(len(full)))

    paths = [isco_path(a.profession) for a in applicants]
    prof_left, prof_right = _unknown_features([not p for p in paths], w.profession / 2)
    prof = _levels([a.profession for a in applicants], paths)
    ind_left, ind_right = _industry_features(applicants, w.industry)
    hopes = [topics(a.hopes) for a in applicants]
    offers = [topics(a.offers) for a in applicants]
    vocabulary = {t: k for k, t in enumerate(sorted(set().union(*hopes, *offers)))}
    # s_ij = L_i.R_j + L_j.R_i: a symmetric term Z_i.Z_j is L = Z/2, R = Z.
    zp = prof * np.float32(np.sqrt(w.profession / 4.0))
    left = np.hstack([zp / 2, prof_left, ind_left])
    right = np.hstack([zp, prof_right, ind_right])
    if w.give_take:  # topics met, as a pair credit (no columns when there is none)
        h = np.zeros((n, max(1, len(vocabulary))), dtype=np.float32)
        o = np.zeros_like(h)
        for i in range(n):
            h[i, [vocabulary[t] for t in hopes[i]]] = 1.0
            o[i, [vocabulary[t] for t in offers[i]]] = 1.0
        left = np.hstack([left, h * np.float32(w.give_take / 3.0)])
        right = np.hstack([right, o])
    left, right = left.astype(np.float32), right.astype(np.float32)
    scores = FeatureScores(left, right, bias=float(w.industry))
    masks = np.array([slots_to_mask(a.availability) for a in applicants], dtype=np.uint64)
    weights_no_language = AffinityWeights(
        conflict_same_employer=w.conflict_same_employer,
        conflict_no_common_language=False,
        conflict_same_industry=w.conflict_same_industry,
    )
    apart, forbidden = _conflicts(applicants, weights_no_language)
    topic_hopes = TopicHopes(
        hopes=[[vocabulary[t] for t in mine] for mine in hopes],
        offers=[[vocabulary[t] for t in mine] for mine in offers],
    )
    problem = GroupingProblem(
        scores,
        forbidden=forbidden,
        availability=masks,
        apart=apart,
        topic_hopes=topic_hopes,
        hope_weight=w.hope_met,
        hope_share=w.hope_share,
    )
    return problem, hopes, offers
