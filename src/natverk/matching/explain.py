"""Explanations of groups and pairs in the reader's language (sv, da, en).

"Anna och Erik: samma yrkesgrupp (Informatörer, kommunikatörer och PR-specialister,
2432), olika branscher (handel och energi); Erik erbjuder kriskommunikation som Anna
hoppas på." Built from the parts of the affinity score, so an explanation always
says what the score used. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

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
        "rule_industry": "{a} och {b} arbetar i samma bransch ({what})",
        "rule_hope": "ingen i gruppen erbjuder det {who} hoppas på ({what})",
        "rule_job": "{who} har inget närliggande yrke i gruppen",
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
        "rule_industry": "{a} og {b} arbejder i samme branche ({what})",
        "rule_hope": "ingen i gruppen tilbyder det, {who} håber på ({what})",
        "rule_job": "{who} har intet beslægtet fag i gruppen",
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
        "rule_industry": "{a} and {b} work in the same industry ({what})",
        "rule_hope": "nobody in the group offers what {who} hopes for ({what})",
        "rule_job": "{who} has no related profession in the group",
    },
}


@dataclass(frozen=True)
class GroupExplanation:
    """A one-line summary of a group, the reasons behind its strongest pairs, and the
    soft rules it breaks (same industry, a hope nobody meets, a profession far from
    everyone else's), one sentence each.

    ``hopes_met``/``hopes_total`` count hope topics; ``members_met``/``members_hoping``
    count members: those with a hope, and those of them with a hope met in the group.
    """

    headline: str
    pairs: list[str]
    hopes_met: int
    hopes_total: int
    broken: list[str] = field(default_factory=list)
    members_met: int = 0
    members_hoping: int = 0


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
        if model.industry_difference[i, j] > 0.5 and ia != ib:
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
    hoping = [k for k in members if model.hope_topics[k]]
    unmet = _unmet(model, members)
    return GroupExplanation(
        headline,
        shown,
        met,
        hopes_total,
        broken=broken_rules(model, applicants, members, lang),
        members_met=len(hoping) - len([k for k in unmet if k in hoping]),
        members_hoping=len(hoping),
    )


def _unmet(model: AffinityModel, members: Sequence[int]) -> list[int]:
    """Members with hopes that nobody else in the group offers."""
    out = []
    for k in members:
        if model.hope_topics[k] and not any(model.met[k, j] for j in members if j != k):
            out.append(k)
    return out


def broken_rules(
    model: AffinityModel, applicants: Sequence[Applicant], members: Sequence[int], lang: str = "sv"
) -> list[str]:
    """The soft rules a group breaks, one sentence each (full names: the leader reads
    them beside the member list): two people of the same industry
    (NACE division), a member whose hopes nobody in the group offers, a member whose
    profession is far from everyone else's (a different ISCO major group from all)."""
    words = _WORDS.get(lang, _WORDS["en"])
    out: list[str] = []
    members = list(members)
    for x, i in enumerate(members):
        for j in members[x + 1 :]:
            a, b = applicants[i], applicants[j]
            if a.industry and b.industry and model.industry_difference[i, j] < 0.5:
                what = _industry(a.industry, lang)
                out.append(words["rule_industry"].format(a=a.name, b=b.name, what=what))
    for k in _unmet(model, members):
        labels = list(dict.fromkeys(topic_label(t, lang) for t in sorted(model.hope_topics[k])))
        what = f" {words['and']} ".join(labels[:2])
        out.append(words["rule_hope"].format(who=applicants[k].name, what=what))
    for k in members:
        others = [j for j in members if j != k]
        if (
            applicants[k].profession
            and others
            and all(model.profession_similarity[k, j] < 0.25 for j in others)
        ):
            out.append(words["rule_job"].format(who=applicants[k].name))
    return out


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
