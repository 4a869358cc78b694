"""Explanations of groups and pairs in the reader's language (sv, da, en).

"Anna och Erik: samma yrkesgrupp (Informatörer, kommunikatörer och PR-specialister,
2432), olika branscher (handel och energi); Erik erbjuder kriskommunikation som Anna
hoppas på." Built from the parts of the affinity score, so an explanation always
says what the score used. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from natverk.language import topic_label
from natverk.matching.affinity import AffinityModel, build_affinity
from natverk.matching.applicant import Applicant
from natverk.taxonomy import UnknownCodeError, industry, occupation

__all__ = ["GroupExplanation", "explain_group", "explain_groups", "explain_pair", "group_utilities"]

_WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "and": "och",
        "same_job": "samma yrkesgrupp ({label}, {code})",
        "near_job": "närliggande yrken ({a} och {b})",
        "other_job": "olika yrken ({a} och {b})",
        "diff_ind": "olika branscher ({a} och {b})",
        "same_ind": "samma bransch ({a})",
        "offers": "{who} erbjuder {what} som {whom} hoppas på",
        "headline": "{n} personer, {jobs} yrkesgrupper, {inds} branscher; {met} av {hopes} "
        "förhoppningar möts av någon annans erbjudande.",
        "no_hopes": "{n} personer, {jobs} yrkesgrupper, {inds} branscher.",
    },
    "da": {
        "and": "og",
        "same_job": "samme faggruppe ({label}, {code})",
        "near_job": "beslægtede fag ({a} og {b})",
        "other_job": "forskellige fag ({a} og {b})",
        "diff_ind": "forskellige brancher ({a} og {b})",
        "same_ind": "samme branche ({a})",
        "offers": "{who} tilbyder {what}, som {whom} håber på",
        "headline": "{n} personer, {jobs} faggrupper, {inds} brancher; {met} af {hopes} "
        "ønsker mødes af en andens tilbud.",
        "no_hopes": "{n} personer, {jobs} faggrupper, {inds} brancher.",
    },
    "en": {
        "and": "and",
        "same_job": "same profession ({label}, {code})",
        "near_job": "related professions ({a} and {b})",
        "other_job": "different professions ({a} and {b})",
        "diff_ind": "different industries ({a} and {b})",
        "same_ind": "same industry ({a})",
        "offers": "{who} offers {what} that {whom} hopes for",
        "headline": "{n} people, {jobs} professions, {inds} industries; {met} of {hopes} "
        "hopes are met by someone else's offer.",
        "no_hopes": "{n} people, {jobs} professions, {inds} industries.",
    },
}


@dataclass(frozen=True)
class GroupExplanation:
    """A one-line summary of a group and the reasons behind its strongest pairs."""

    headline: str
    pairs: list[str]
    hopes_met: int
    hopes_total: int


def _job(code: str, lang: str) -> str:
    try:
        return occupation(code).label(lang)
    except UnknownCodeError:
        return code or "?"


def _industry(code: str, lang: str) -> str:
    try:
        item = industry(code)
        division = item.path[1] if len(item.path) > 1 else item.code
        return industry(division).label(lang).lower()
    except UnknownCodeError:
        return code or "?"


def _first(name: str) -> str:
    return name.split(" ")[0] if name else "?"


def explain_pair(
    model: AffinityModel, applicants: Sequence[Applicant], i: int, j: int, lang: str = "sv"
) -> str:
    """Why i and j fit together, in one sentence."""
    words = _WORDS.get(lang, _WORDS["en"])
    a, b = applicants[i], applicants[j]
    parts: list[str] = []
    sim = float(model.profession_similarity[i, j])
    if a.profession and a.profession == b.profession:
        parts.append(words["same_job"].format(label=_job(a.profession, lang), code=a.profession))
    elif sim >= 0.5:
        parts.append(
            words["near_job"].format(a=_job(a.profession, lang), b=_job(b.profession, lang))
        )
    elif a.profession and b.profession:
        parts.append(
            words["other_job"].format(a=_job(a.profession, lang), b=_job(b.profession, lang))
        )
    if a.industry and b.industry:
        ia, ib = _industry(a.industry, lang), _industry(b.industry, lang)
        if model.industry_difference[i, j] >= 0.5 and ia != ib:
            parts.append(words["diff_ind"].format(a=ia, b=ib))
        else:
            parts.append(words["same_ind"].format(a=ia))
    gives = []
    for who, whom, x, y in ((b, a, j, i), (a, b, i, j)):
        shared = sorted(
            model.hope_topics[y] & model.offer_topics[x], key=lambda t: (t.startswith("esco:"), t)
        )
        if shared:
            labels = list(dict.fromkeys(topic_label(t, lang) for t in shared))
            what = f" {words['and']} ".join(labels[:2])
            gives.append(
                words["offers"].format(who=_first(who.name), what=what, whom=_first(whom.name))
            )
    sentence = f"{_first(a.name)} {words['and']} {_first(b.name)}: " + ", ".join(parts)
    if gives:
        sentence += "; " + "; ".join(gives)
    return sentence + "."


def explain_group(
    model: AffinityModel,
    applicants: Sequence[Applicant],
    members: Sequence[int],
    lang: str = "sv",
    max_pairs: int = 4,
) -> GroupExplanation:
    """A group's summary line and its strongest pairs explained."""
    words = _WORDS.get(lang, _WORDS["en"])
    members = list(members)
    jobs = len({applicants[k].profession for k in members if applicants[k].profession})
    inds = len({applicants[k].industry[:2] for k in members if applicants[k].industry})
    hopes_total = sum(len(model.hope_topics[k]) for k in members)
    met = 0
    for k in members:
        offered: set[str] = set()
        for other in members:
            if other != k:
                offered |= model.offer_topics[other]
        met += len(model.hope_topics[k] & offered)
    if hopes_total:
        headline = words["headline"].format(
            n=len(members), jobs=jobs, inds=inds, met=met, hopes=hopes_total
        )
    else:
        headline = words["no_hopes"].format(n=len(members), jobs=jobs, inds=inds)
    pairs = sorted(
        (
            (float(model.scores[i, j]), i, j)
            for x, i in enumerate(members)
            for j in members[x + 1 :]
        ),
        reverse=True,
    )
    # Prefer pairs that involve people not yet explained, so everyone appears.
    shown: list[str] = []
    seen: set[int] = set()
    for _, i, j in pairs:
        if len(shown) >= max_pairs:
            break
        if i in seen and j in seen:
            continue
        shown.append(explain_pair(model, applicants, i, j, lang))
        seen |= {i, j}
    return GroupExplanation(headline, shown, met, hopes_total)


def group_utilities(model: AffinityModel, groups: Sequence[Sequence[int]]) -> list[float]:
    """Each member's mean affinity with the rest of their group, in member order."""
    out = np.zeros(model.scores.shape[0])
    for members in groups:
        idx = np.array(members)
        if idx.size > 1:
            block = model.scores[np.ix_(idx, idx)]
            out[idx] = block.sum(axis=1) / (idx.size - 1)
    return [float(v) for v in out]


def explain_groups(
    applicants: Sequence[Applicant],
    groups: Sequence[Sequence[int]],
    lang: str = "sv",
    model: AffinityModel | None = None,
) -> tuple[list[GroupExplanation], list[float]]:
    """Every group's explanation and every member's utility, in member order.

    Without ``model`` (a cohort too large for a dense one) each group is scored on its
    own with :func:`build_affinity`: the same parts, the wording term within the group.
    """
    if model is not None:
        return [explain_group(model, applicants, g, lang) for g in groups], group_utilities(
            model, groups
        )
    explanations: list[GroupExplanation] = []
    utilities = [0.0] * len(applicants)
    for members in groups:
        people = [applicants[k] for k in members]
        local = build_affinity(people)
        own = explain_group(local, people, range(len(people)), lang)
        explanations.append(own)
        for k, value in zip(members, group_utilities(local, [range(len(people))]), strict=True):
            utilities[k] = value
    return explanations, utilities
