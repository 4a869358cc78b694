"""Occupations (ISCO-08), industries (NACE Rev. 2) and regions, with sv/da/en labels.

The data ships inside the package (built from the ESCO, ILO, Eurostat, SSB, SCB and
HL7 DK open data by :mod:`natverk.taxonomy._build`; attributions in NOTICE) and is
loaded on first use. Both classifications are trees, and the distance functions
measure how far apart two codes are in their tree: 0 for the same unit, 1 for
different top-level groups. Pure: no Django.

ISCO-08 has no Danish labels in the open data we ship; Danish falls back to English.

Examples
--------
>>> occupation("2432").label("sv")
'Informatörer, kommunikatörer och PR-specialister'
>>> occupation_distance("2432", "2431")
0.25
>>> industry("35.11").section
'D'
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz, process

__all__ = [
    "Industry",
    "Occupation",
    "Region",
    "UnknownCodeError",
    "dk_regions",
    "industries",
    "industry",
    "industry_distance",
    "normalise_industry_code",
    "occupation",
    "occupation_distance",
    "occupations",
    "region",
    "regions",
    "search_industries",
    "search_occupations",
    "se_counties",
]

LANGUAGES = ("sv", "da", "en", "nb")


class UnknownCodeError(KeyError):
    """A code that is not in the classification."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Occupation:
    """An ISCO-08 group: major (1 digit) to unit group (4 digits)."""

    code: str
    level: int
    parent: str
    labels: tuple[tuple[str, str], ...]

    def label(self, lang: str = "sv") -> str:
        """Label in ``lang`` (sv, en, nb; da and unknown languages fall back to English)."""
        found = dict(self.labels)
        return found.get(lang) or found["en"]


@dataclass(frozen=True)
class Industry:
    """A NACE Rev. 2 item: section (letter), division, group or class."""

    code: str
    level: int
    parent: str
    labels: tuple[tuple[str, str], ...]

    def label(self, lang: str = "sv") -> str:
        """Label in ``lang`` (sv, da, en, nb); sections are shown in sentence case."""
        found = dict(self.labels)
        text = found.get(lang) or found["en"]
        return text.capitalize() if self.level == 1 else text

    @property
    def section(self) -> str:
        """The section letter this item belongs to."""
        return self.path[0]

    @property
    def path(self) -> tuple[str, ...]:
        """Codes from the section down to this item."""
        return _industry_paths()[self.code]


@dataclass(frozen=True)
class Region:
    """A Swedish county (län) or Danish region, by ISO 3166-2 code."""

    code: str
    country: str
    labels: tuple[tuple[str, str], ...]

    def label(self, lang: str = "sv") -> str:
        """Name in ``lang`` (sv, da, en)."""
        found = dict(self.labels)
        return found.get(lang) or found["en"]


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("natverk.taxonomy").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def _labels(row: dict[str, str], langs: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((lang, row[lang]) for lang in langs if row.get(lang))


@cache
def _occupations() -> dict[str, Occupation]:
    return {
        r["code"]: Occupation(
            r["code"], int(r["level"]), r["parent"], _labels(r, ("en", "sv", "nb"))
        )
        for r in _read("isco08.csv")
    }


@cache
def _industries() -> dict[str, Industry]:
    return {
        r["code"]: Industry(
            r["code"], int(r["level"]), r["parent"], _labels(r, ("en", "sv", "da", "nb"))
        )
        for r in _read("nace_rev2.csv")
    }


@cache
def _industry_paths() -> dict[str, tuple[str, ...]]:
    items = _industries()
    paths: dict[str, tuple[str, ...]] = {}
    for code in items:
        chain = [code]
        while items[chain[-1]].parent:
            chain.append(items[chain[-1]].parent)
        paths[code] = tuple(reversed(chain))
    return paths


@cache
def _regions() -> dict[str, Region]:
    return {
        r["code"]: Region(r["code"], r["country"], _labels(r, ("sv", "da", "en")))
        for r in _read("regions.csv")
    }


def occupations(level: int | None = 4) -> list[Occupation]:
    """All ISCO-08 groups at ``level`` (4 = unit groups; None = every level), by code."""
    return [o for o in _occupations().values() if level is None or o.level == level]


def industries(level: int | None = None) -> list[Industry]:
    """All NACE items at ``level`` (1 section ... 4 class; None = every level)."""
    return [i for i in _industries().values() if level is None or i.level == level]


def occupation(code: str) -> Occupation:
    """The ISCO-08 group with this code ("2432", "243", "24", "2")."""
    try:
        return _occupations()[code.strip()]
    except KeyError:
        raise UnknownCodeError(f"unknown ISCO-08 code: {code!r}") from None


def normalise_industry_code(code: str) -> str:
    """Canonical NACE code: "j" -> "J", "6201" -> "62.01", "62.0" stays, " 35 " -> "35"."""
    text = code.strip().upper().replace(" ", "")
    if len(text) == 1 and text.isalpha():
        return text
    if "." not in text and text.isdigit() and len(text) in (3, 4):
        text = f"{text[:2]}.{text[2:]}"
    return text


def industry(code: str) -> Industry:
    """The NACE Rev. 2 item with this code, at any level ("D", "35", "35.1", "35.11")."""
    try:
        return _industries()[normalise_industry_code(code)]
    except KeyError:
        raise UnknownCodeError(f"unknown NACE Rev. 2 code: {code!r}") from None


def regions() -> list[Region]:
    """Swedish counties and Danish regions."""
    return list(_regions().values())


def se_counties() -> list[Region]:
    """The 21 Swedish counties (län), by ISO 3166-2 code."""
    return [r for r in _regions().values() if r.country == "SE"]


def dk_regions() -> list[Region]:
    """The 5 Danish regions, by ISO 3166-2 code."""
    return [r for r in _regions().values() if r.country == "DK"]


def region(code: str) -> Region:
    """A region by ISO 3166-2 code ("SE-AB", "DK-84")."""
    try:
        return _regions()[code.strip().upper()]
    except KeyError:
        raise UnknownCodeError(f"unknown region code: {code!r}") from None


def _tree_distance(a: tuple[str, ...], b: tuple[str, ...], depth: int) -> float:
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    if common == min(len(a), len(b)):
        # One code is an ancestor of the other (or both are equal): as close as the
        # coarser one allows.
        return 1.0 - common / max(len(a), len(b)) if len(a) != len(b) else 0.0
    return 1.0 - common / depth


def occupation_distance(a: str, b: str) -> float:
    """Distance of two ISCO-08 codes in [0, 1]: 0 same group, 0.25 same minor group,
    0.5 same sub-major group, 0.75 same major group, 1 different major groups.

    A coarser code is compared at its own depth ("24" vs "2432" is 0.5).
    """
    pa = tuple(occupation(a).code[: i + 1] for i in range(len(a.strip())))
    pb = tuple(occupation(b).code[: i + 1] for i in range(len(b.strip())))
    return _tree_distance(pa, pb, 4)


def industry_distance(a: str, b: str) -> float:
    """Distance of two NACE codes in [0, 1]: 0 same item, 0.25 same group, 0.5 same
    division, 0.75 same section, 1 different sections (codes at any level)."""
    return _tree_distance(industry(a).path, industry(b).path, 4)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


@cache
def _occupation_terms() -> tuple[list[str], list[str]]:
    """Folded search terms and the ISCO unit code each points to."""
    terms: list[str] = []
    codes: list[str] = []
    for occ in occupations(4):
        for _, text in occ.labels:
            terms.append(_fold(text))
            codes.append(occ.code)
    for row in _read("isco_terms.csv"):
        for lang in ("en", "sv"):
            if row[lang]:
                terms.append(_fold(row[lang]))
                codes.append(row["isco"])
    return terms, codes


@cache
def _industry_terms() -> tuple[list[str], list[str]]:
    terms: list[str] = []
    codes: list[str] = []
    for item in _industries().values():
        for _, text in item.labels:
            terms.append(_fold(text))
            codes.append(item.code)
    return terms, codes


# Everyday words that application forms use but the official labels do not ("Energi"
# is NACE section D, "Försörjning av el, gas, värme och kyla"). Folded keys, sv/da/nb/en.
_INDUSTRY_WORDS: dict[str, str] = {
    "energi": "35",
    "energy": "35",
    "el": "35.1",
    "kraft": "35.1",
    "power": "35.1",
    "it": "62",
    "ikt": "62",
    "ict": "62",
    "tech": "62",
    "software": "62",
    "mjukvara": "62",
    "bank": "64.19",
    "banking": "64.19",
    "finans": "64",
    "finance": "64",
    "forsakring": "65",
    "insurance": "65",
    "handel": "47",
    "detaljhandel": "47",
    "detailhandel": "47",
    "retail": "47",
    "dagligvaruhandel": "47.11",
    "dagligvarer": "47.11",
    "grosshandel": "46",
    "engroshandel": "46",
    "wholesale": "46",
    "offentlig sektor": "84",
    "offentlig forvaltning": "84.1",
    "public sector": "84",
    "myndighet": "84.1",
    "stat": "84.1",
    "kommun": "84.11",
    "region": "84.11",
    "kommune": "84.11",
    "municipality": "84.11",
    "konsult": "70.22",
    "konsulent": "70.22",
    "consulting": "70.22",
    "radgivning": "70.22",
    "management consulting": "70.22",
    "utbildning": "85",
    "uddannelse": "85",
    "education": "85",
    "skola": "85",
    "universitet": "85.42",
    "university": "85.42",
    "hogskola": "85.42",
    "vard": "86",
    "sjukvard": "86",
    "halsa": "86",
    "sundhed": "86",
    "healthcare": "86",
    "health": "86",
    "bygg": "41",
    "byggeri": "41",
    "construction": "41",
    "fastighet": "68",
    "fastigheter": "68",
    "ejendom": "68",
    "real estate": "68",
    "media": "58",
    "medier": "58",
    "telekom": "61",
    "telecom": "61",
    "transport": "49",
    "logistik": "52",
    "logistics": "52",
    "industri": "C",
    "manufacturing": "C",
    "tillverkning": "C",
    "lakemedel": "21",
    "pharma": "21",
    "medicinal": "21",
    "juridik": "69.1",
    "advokatbyra": "69.1",
    "law firm": "69.1",
    "legal": "69.1",
    "redovisning": "69.2",
    "revision": "69.2",
    "accounting": "69.2",
    "reklam": "73.1",
    "advertising": "73.1",
    "pr": "70.21",
    "kommunikation": "70.21",
    "communication": "70.21",
    "forskning": "72",
    "research": "72",
    "ideell": "94",
    "forening": "94",
    "fackforbund": "94.20",
    "fagforening": "94.20",
    "union": "94.20",
    "ngo": "94",
    "kultur": "90",
    "culture": "90",
    "hotell": "55",
    "restaurang": "56",
    "hospitality": "55",
    "livsmedel": "10",
    "food": "10",
    "fordon": "29",
    "automotive": "29",
}
_OCCUPATION_WORDS: dict[str, str] = {
    "hr": "2423",
    "hr-specialist": "2423",
    "personalvetare": "2423",
    "hr partner": "2423",
    "hr business partner": "2423",
    "kommunikator": "2432",
    "kommunikationsansvarig": "2432",
    "kommunikationsradgivare": "2432",
    "kommunikationskonsulent": "2432",
    "communicator": "2432",
    "communications officer": "2432",
    "informator": "2432",
    "ekonom": "2631",
    "economist": "2631",
    "okonom": "2631",
    "controller": "2411",
    "revisor": "2411",
    "accountant": "2411",
    "redovisningsekonom": "2411",
    "jurist": "2611",
    "lawyer": "2611",
    "advokat": "2611",
    "bolagsjurist": "2611",
    "systemutvecklare": "2512",
    "utvecklare": "2512",
    "developer": "2512",
    "programmor": "2512",
    "udvikler": "2512",
    "software engineer": "2512",
    "it-arkitekt": "2511",
    "systemanalytiker": "2511",
    "data scientist": "2511",
    "projektledare": "2421",
    "projektleder": "2421",
    "project manager": "2421",
    "verksamhetsutvecklare": "2421",
    "organisationsutvecklare": "2421",
    "management consultant": "2421",
    "utredare": "2422",
    "analytiker": "2422",
    "policy analyst": "2422",
    "handlaggare": "2422",
    "fuldmaegtig": "2422",
    "civilingenjor": "2149",
    "ingenjor": "2149",
    "ingenior": "2149",
    "engineer": "2149",
    "larare": "2330",
    "laerer": "2330",
    "teacher": "2330",
    "bibliotekarie": "2622",
    "librarian": "2622",
    "psykolog": "2634",
    "psychologist": "2634",
    "marknadsforare": "2431",
    "marketing manager": "2431",
    "marknadschef": "1221",
    "inkopare": "3323",
    "upphandlare": "2422",
    "statistiker": "2120",
    "arkitekt": "2161",
    "architect": "2161",
    "samhallsplanerare": "2164",
    "lakare": "2211",
    "doctor": "2211",
    "sjukskoterska": "2221",
    "nurse": "2221",
    "socionom": "2635",
    "social worker": "2635",
    "forskare": "2131",
    # Danish titles (ISCO-08 has no Danish labels in the open data) and English ones.
    "økonom": "2631",
    "finansanalytiker": "2413",
    "financial analyst": "2413",
    "hr-konsulent": "2423",
    "hr specialist": "2423",
    "marketingkonsulent": "2431",
    "marketing specialist": "2431",
    "organisationskonsulent": "2421",
    "fuldmægtig": "2422",
    "systems analyst": "2511",
    "softwareudvikler": "2512",
    "software developer": "2512",
    "socialradgiver": "2635",
    "bibliotekar": "2622",
    "hr-chef": "1212",
    "hr manager": "1212",
    "kommunikationschef": "1222",
    "head of communications": "1222",
    "økonomichef": "1211",
    "finance manager": "1211",
    "civilingeniør": "2149",
}


def _search(
    text: str, terms: list[str], codes: list[str], words: dict[str, str], limit: int
) -> list[tuple[str, float]]:
    """Rank codes for a free-text query: everyday word, exact label, word or word
    start (Swedish plurals and compounds), then fuzzy spelling; best first."""
    query = _fold(text)
    if not query:
        return []
    if query in codes:
        return [(query, 100.0)]
    best: dict[str, float] = {}

    def offer(code: str, score: float) -> None:
        best[code] = max(best.get(code, 0.0), score)

    if query in words:
        offer(words[query], 100.0)
    for i, term in enumerate(terms):
        if term == query:
            offer(codes[i], 99.0)
            continue
        tokens = term.replace(",", " ").replace("-", " ").split()
        if query in tokens or (len(query) >= 4 and any(t.startswith(query) for t in tokens)):
            # Shorter labels and coarser codes are the more general, better answers.
            offer(codes[i], 90.0 - min(len(tokens), 12) - len(codes[i]) / 4)
        elif len(query) >= 5 and query in term:
            offer(codes[i], 75.0 - min(len(tokens), 12))
    for _, score, i in process.extract(
        query, terms, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=80
    ):
        offer(codes[i], float(score) * 0.8)
    return sorted(best.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[:limit]


def search_occupations(text: str, limit: int = 10) -> list[tuple[Occupation, float]]:
    """ISCO-08 unit groups matching free text in sv/en (labels and ESCO occupation
    names), best first with a score in [0, 100]; diacritics and case are ignored.

    >>> search_occupations("kommunikatör")[0][0].code
    '2432'
    """
    terms, codes = _occupation_terms()
    found = _search(text, terms, codes, _OCCUPATION_WORDS, limit)
    return [(occupation(code), score) for code, score in found]


def search_industries(text: str, limit: int = 10) -> list[tuple[Industry, float]]:
    """NACE items matching free text in sv/da/en/nb, best first (score 0-100)."""
    terms, codes = _industry_terms()
    found = _search(text, terms, codes, _INDUSTRY_WORDS, limit)
    return [(industry(code), score) for code, score in found]
