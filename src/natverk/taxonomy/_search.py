"""Free-text search of occupations (ISCO-08) and industries (NACE Rev. 2).

What people type in a form ("Kommunikatör", "IT-chef", "Energiselskab") is matched
against the shipped labels and ESCO occupation names in sv/da/en/nb, an everyday-word
table, and rules that read Swedish and Danish compounds and phrases:

- "field + role" ("kommunikationsstrateg", "HR-ansvarig") picks the field's
  professional or manager group (data/occupation_fields.csv, data/word_classes.csv);
- the head of a compound ("Chefsjurist" ends in "jurist") is a known title;
- ESCO names "X, Y" ("polerare, metall") are also read as the compound "YX"
  ("metallpolerare"), the way Swedish writes them;
- in a phrase with a preposition ("lærer på teaterskole", "tekniker inden for
  robotsystemer") the words before it are the title and the rest tells among its
  codes;
- "field + company ending" ("Fordonsindustri", "Energiselskab") for industries.

Word tables are data files (data/occupation_words.csv, industry_words.csv,
occupation_fields.csv, word_classes.csv), read on first use. Pure: no Django.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from natverk.language import fold
from natverk.taxonomy import (
    Industry,
    Occupation,
    _industries,
    _occupations,
    _read,
    industry,
    normalise_industry_code,
    occupation,
    occupations,
)

__all__ = ["search_industries", "search_occupations"]

#: Prepositions that end a title in a phrase ("lærer på teaterskole").
_PREPOSITIONS = frozenset(
    {
        "pa",
        "i",
        "inden",
        "inom",
        "for",
        "til",
        "af",
        "av",
        "vid",
        "ved",
        "hos",
        "med",
        "of",
        "in",
        "at",
    }
)


def _fold(text: str) -> str:
    """Case- and diacritic-free form for matching: "Fuldmægtig" -> "fuldmagtig"."""
    return fold(text, plain=True).strip()


@dataclass(frozen=True)
class _Terms:
    """Folded search terms, the code each points to, its language and its words."""

    terms: list[str]
    codes: list[str]
    langs: list[str]
    tokens: list[tuple[str, ...]]


def _terms(rows: list[tuple[str, str, str]]) -> _Terms:
    folded = [(_fold(text), code, lang) for text, code, lang in rows if text]
    return _Terms(
        [t for t, _, _ in folded],
        [c for _, c, _ in folded],
        [lang for _, _, lang in folded],
        [tuple(t.replace(",", " ").replace("-", " ").split()) for t, _, _ in folded],
    )


def _reversed_compounds(rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """ESCO writes "polerare, metall" where people write "metallpolerare": the one-word
    head after a one-word field, joined directly and with the linking "s" (sv, da)."""
    out = []
    for text, code, lang in rows:
        head, sep, rest = text.partition(", ")
        if sep and lang in ("sv", "da") and " " not in head and re.fullmatch(r"[^\W\d_]{3,}", rest):
            field = rest.lower()
            out += [(field + head, code, lang), (field + "s" + head, code, lang)]
    return out


def _occupation_rows() -> list[tuple[str, str, str]]:
    rows = [(text, occ.code, lang) for occ in occupations(4) for lang, text in occ.labels]
    return rows + [(row["term"], row["isco"], row["lang"]) for row in _read("isco_terms.csv")]


@cache
def _occupation_terms() -> _Terms:
    """ISCO unit group labels (en, sv, da, nb) and ESCO occupation names (en, sv, da)."""
    return _terms(_occupation_rows())


@cache
def _compound_titles() -> dict[str, str]:
    """ESCO's "X, Y" names as the compounds "YX", folded: matched whole only (as word
    starts they would shadow real titles: "nationalekonom" in "nationalekonomilektor")."""
    return {_fold(text): code for text, code, _ in _reversed_compounds(_occupation_rows())}


@cache
def _industry_terms() -> _Terms:
    """NACE labels at every level (en, sv, da, nb)."""
    return _terms(
        [(text, item.code, lang) for item in _industries().values() for lang, text in item.labels]
    )


@dataclass(frozen=True)
class _Words:
    """The everyday-word tables, folded: words for codes, fields of compound titles,
    and classes of words (roles, manager words, company endings, joiners)."""

    occupations: dict[str, str]
    industries: dict[str, str]
    fields: dict[str, tuple[str, str]]
    roles: frozenset[str]
    managers: frozenset[str]
    company: frozenset[str]
    joiners: frozenset[str]


@cache
def _words() -> _Words:
    classes: dict[str, set[str]] = {}
    for row in _read("word_classes.csv"):
        classes.setdefault(row["class"], set()).add(_fold(row["word"]))
    return _Words(
        occupations={_fold(r["word"]): r["isco"] for r in _read("occupation_words.csv")},
        industries={_fold(r["word"]): r["nace"] for r in _read("industry_words.csv")},
        fields={
            _fold(r["field"]): (r["professional"], r["manager"])
            for r in _read("occupation_fields.csv")
        },
        roles=frozenset(classes.get("role", ())),
        managers=frozenset(classes.get("manager", ())),
        company=frozenset(classes.get("company", ())),
        joiners=frozenset(classes.get("joiner", ())),
    )


def _search_plain(
    query: str, index: _Terms, words: dict[str, str], limit: int, lang: str | None
) -> dict[str, float]:
    """Score codes for one folded query: everyday word, exact label, word or word
    start (Swedish plurals and compounds), then fuzzy spelling."""
    best: dict[str, float] = {}

    def offer(code: str, score: float) -> None:
        best[code] = max(best.get(code, 0.0), score)

    if query in words:
        offer(words[query], 100.0)
    for i, term in enumerate(index.terms):
        # A label in the asked language wins a tie against the same label elsewhere.
        bonus = 0.5 if lang is not None and index.langs[i] == lang else 0.0
        if term == query:
            offer(index.codes[i], 99.0 + bonus)
            continue
        tokens = index.tokens[i]
        if query in tokens or (len(query) >= 4 and any(t.startswith(query) for t in tokens)):
            # Shorter labels and coarser codes are the more general, better answers.
            offer(index.codes[i], 90.0 - min(len(tokens), 12) - len(index.codes[i]) / 4 + bonus)
        elif len(query) >= 5 and query in term:
            offer(index.codes[i], 75.0 - min(len(tokens), 12) + bonus)
    for _, score, i in process.extract(
        query, index.terms, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=80
    ):
        offer(index.codes[i], float(score) * 0.8)
    return best


def _parts(query: str) -> list[str]:
    """The words of a query without joiners ("Hotell och restaurang" -> two words)."""
    for sep in "-/,&()+":
        query = query.replace(sep, " ")
    return [w for w in query.split() if w not in _words().joiners]


def _splits(word: str) -> list[tuple[str, str]]:
    """Ways to read a word as a compound: (field, head), with the Swedish and Danish
    linking "s" removed from the field ("kommunikationsstrateg" -> kommunikation, strateg)."""
    found: list[tuple[str, str]] = []
    for i in range(2, len(word) - 2):
        left, right = word[:i], word[i:]
        found.append((left, right))
        if left.endswith("s") and len(left) > 3:
            found.append((left[:-1], right))
    return found


def _compound_occupation(words: list[str]) -> str | None:
    """ISCO code of "field + role" titles: "kommunikationsstrateg", "HR ansvarig",
    "økonomichef", "Head of Communications"."""
    pairs: list[tuple[str, str]] = []
    if len(words) >= 2:
        pairs += [(words[0], words[-1]), (words[-1], words[0])]  # "head of communications"
    if words:
        pairs += _splits(words[-1])
    for field, role in pairs:
        if field not in _words().fields:
            continue
        professional, manager = _words().fields[field]
        if role in _words().managers:
            return manager
        if role in _words().roles:
            return professional
    return None


@cache
def _single_word_titles() -> dict[str, str]:
    """One-word occupation names (labels, ESCO names, everyday words) and their code,
    for reading the head of a compound ("affärsjurist" ends in "jurist")."""
    index = _occupation_terms()
    titles = {t: index.codes[i] for i, t in enumerate(index.terms) if " " not in t}
    titles.update(_compound_titles())
    titles.update({w: c for w, c in _words().occupations.items() if " " not in w})
    return titles


def _head_occupation(word: str) -> str | None:
    """ISCO code of the longest known title that ends a compound word ("chefsjurist",
    "frontendutvecklare", "specialkonsulent"); heads shorter than 5 letters are ignored."""
    titles = _single_word_titles()
    for i in range(1, len(word) - 4):
        if word[i:] in titles:
            return titles[word[i:]]
    return None


@cache
def _reversed_titles() -> tuple[list[str], list[str]]:
    """One-word titles spelled backwards and sorted, with their codes: the titles that
    end in a given suffix are one contiguous range."""
    pairs = sorted((title[::-1], code) for title, code in _single_word_titles().items())
    return [p for p, _ in pairs], [c for _, c in pairs]


def _suffix_vote(word: str) -> tuple[str, float] | None:
    """The code most titles share that end like ``word`` does, on the longest ending
    (at least 5 letters) that any title has ("krokimodell": titles ending in "modell"),
    and the share of those titles that have it."""
    keys, codes = _reversed_titles()
    for i in range(1, len(word) - 4):
        back = word[i:][::-1]
        lo = bisect.bisect_left(keys, back)
        hi = bisect.bisect_left(keys, back + "\uffff")
        if hi > lo:
            votes = Counter(codes[lo:hi])
            code, count = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
            return code, count / (hi - lo)
    return None


def _compound_industry(word: str, index: _Terms, limit: int) -> dict[str, float]:
    """Codes for "field + generic ending" words ("fordonsindustri", "energiselskab",
    "mediehus"); the field may be the start of an everyday word ("medie-" of "medier")."""
    for field, ending in _splits(word):
        if ending in _words().company and len(field) >= 2:
            found = _search_plain(field, index, _words().industries, limit, None)
            if (not found or max(found.values()) < 88) and len(field) >= 4:
                starts = sorted(w for w in _words().industries if w.startswith(field))
                found = {_words().industries[starts[0]]: 95.0} if starts else {}
            if found and max(found.values()) >= 88:
                return found
    return {}


def _phrase_head(query: str) -> tuple[str, list[str]] | None:
    """The title and the context words of a phrase with a preposition: "lærer på
    teaterskole" is the title "lærer" with context "teaterskole"; None without one."""
    words = query.replace(",", " ").split()
    for k in range(1, len(words) - 1):
        if words[k] in _PREPOSITIONS:
            context = [w for w in words[k + 1 :] if len(w) >= 4 and w not in _PREPOSITIONS]
            return " ".join(words[:k]), context
    return None


@cache
def _code_text() -> dict[str, str]:
    """Every occupation term of a code, folded, in one string (for context words)."""
    index = _occupation_terms()
    found: dict[str, list[str]] = {}
    for term, code in zip(index.terms, index.codes, strict=True):
        found.setdefault(code, []).append(term)
    return {code: " ".join(terms) for code, terms in found.items()}


def _context_bonus(code: str, context: list[str]) -> float:
    """A little for each context word whose start (5 letters) is in the code's terms."""
    text = _code_text().get(code, "")
    return sum(1.5 for word in context if word[:5] in text)


def _search(text: str, kind: str, limit: int, lang: str | None) -> list[tuple[str, float]]:
    """Rank codes for a free-text query, best first.

    The whole query is tried first. When nothing matches it well (below 90), its words
    and compounds are tried: for industries the field word leads ("IT-konsult" is IT),
    for occupations the role ("IT-projektledare" is a project manager). Those answers
    score at most 88, under a direct hit but above the importer's 80.
    """
    query = _fold(text)
    if not query:
        return []
    index = _occupation_terms() if kind == "isco" else _industry_terms()
    words = _words().occupations if kind == "isco" else _words().industries
    code = query if kind == "isco" else normalise_industry_code(query)
    if code in (_occupations() if kind == "isco" else _industries()):
        return [(code, 100.0)]
    best = _search_plain(query, index, words, limit, lang)
    if kind == "isco" and query in _compound_titles():
        code = _compound_titles()[query]
        best[code] = max(best.get(code, 0.0), 97.0)
    phrase = _phrase_head(query) if kind == "isco" else None
    if phrase is not None and (not best or max(best.values()) < 90):
        title, context = phrase
        for code, score in _search(title, kind, limit, lang):
            derived_score = min(score, 100.0) * 0.88 + _context_bonus(code, context)
            best[code] = max(best.get(code, 0.0), derived_score)
    elif not best or max(best.values()) < 90:
        parts = _parts(query)
        # Order of preference: the role (last word) for occupations, the field (first
        # word) for industries; later candidates lose a little.
        ordered = list(reversed(parts)) if kind == "isco" else parts
        derived: dict[str, float] = {}
        if kind == "isco":
            # A field and a role ("IT-konsulent") says more than the role alone.
            compound = _compound_occupation(parts)
            if compound is not None:
                derived[compound] = 89.0
            head = _head_occupation(parts[-1]) if parts else None
            if head is not None and compound is None:
                derived[head] = max(derived.get(head, 0.0), 88.0)
            vote = _suffix_vote(parts[-1]) if parts and head is None else None
            if vote is not None:
                # Titles that merely end alike: importable when most of them agree.
                derived[vote[0]] = max(derived.get(vote[0], 0.0), 70.0 + 15.0 * vote[1])
        for rank, word in enumerate(ordered if len(parts) > 1 else []):
            for code, score in _search_plain(word, index, words, limit, lang).items():
                value = min(score, 100.0) * 0.88 - rank
                derived[code] = max(derived.get(code, 0.0), value)
        if kind == "nace":
            for rank, word in enumerate(ordered):
                for code, score in _compound_industry(word, index, limit).items():
                    value = min(score, 100.0) * 0.88 - rank
                    derived[code] = max(derived.get(code, 0.0), value)
        for code, score in derived.items():
            best[code] = max(best.get(code, 0.0), score)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[:limit]
    return [(code, min(score, 100.0)) for code, score in ranked]


def search_occupations(
    text: str, limit: int = 10, *, lang: str | None = None
) -> list[tuple[Occupation, float]]:
    """ISCO-08 unit groups matching free text in sv/en (labels and ESCO occupation
    names), best first with a score in [0, 100]; diacritics and case are ignored.

    >>> search_occupations("kommunikatör")[0][0].code
    '2432'
    """
    found = _search(text, "isco", limit, lang)
    return [(occupation(code), score) for code, score in found]


def search_industries(
    text: str, limit: int = 10, *, lang: str | None = None
) -> list[tuple[Industry, float]]:
    """NACE items matching free text in sv/da/en/nb, best first (score 0-100)."""
    found = _search(text, "nace", limit, lang)
    return [(industry(code), score) for code, score in found]
