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
import gzip
import io
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
    "label",
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

    @property
    def path(self) -> tuple[str, ...]:
        """Codes from the major group down to this group ("2", "24", "243", "2432")."""
        return tuple(self.code[: i + 1] for i in range(len(self.code)))

    @property
    def description(self) -> str:
        """The ILO definition in English (ISCO-08 has no sv/da definitions; "" if none)."""
        return _occupation_descriptions().get(self.code, "")


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
    return list(csv.DictReader(io.StringIO(text, newline="")))


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
def _occupation_descriptions() -> dict[str, str]:
    raw = resources.files("natverk.taxonomy").joinpath("data", "isco08_descriptions.csv.gz")
    text = gzip.decompress(raw.read_bytes()).decode("utf-8")
    return {r["code"]: r["en"] for r in csv.DictReader(io.StringIO(text, newline=""))}


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


def label(kind: str, code: str, lang: str) -> str:
    """The label of an occupation, industry or region code in ``lang``, for display.

    ``kind`` is ``"occupation"``, ``"industry"`` or ``"region"``. An empty code gives "",
    an unknown one the code itself, so a page never fails on an old or mistyped code.

    Examples
    --------
    >>> label("occupation", "2432", "en")
    'Public relations professionals'
    >>> label("industry", "xx", "sv")
    'xx'
    """
    if not code:
        return ""
    try:
        if kind == "occupation":
            return occupation(code).label(lang)
        if kind == "industry":
            return industry(code).label(lang)
        return region(code).label(lang)
    except UnknownCodeError:
        return code


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


# Letters that Unicode does not decompose: "Økonom" and "okonom" must meet.
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l"})


def _fold(text: str) -> str:
    """Case- and diacritic-free form for matching: "Fuldmægtig" -> "fuldmaegtig"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(_LETTERS).strip()


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


@cache
def _occupation_terms() -> _Terms:
    """ISCO unit group labels (en, sv, nb) and ESCO occupation names (en, sv)."""
    rows = [(text, occ.code, lang) for occ in occupations(4) for lang, text in occ.labels]
    for row in _read("isco_terms.csv"):
        rows += [(row[lang], row["isco"], lang) for lang in ("en", "sv")]
    return _terms(rows)


@cache
def _industry_terms() -> _Terms:
    """NACE labels at every level (en, sv, da, nb)."""
    return _terms(
        [(text, item.code, lang) for item in _industries().values() for lang, text in item.labels]
    )


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
    "bil": "29",
    "bilindustri": "29",
    "e-handel": "47.91",
    "netthandel": "47.91",
    "e-commerce": "47.91",
    "it-konsult": "62.02",
    "it-konsulent": "62.02",
    "it consulting": "62.02",
    "arkitekt": "71.11",
    "ingenjor": "71.12",
    "ingeniør": "71.12",
    "engineering": "71.12",
    "teknisk konsult": "71.12",
    "landsting": "84.11",
    "statlig": "84.1",
    "staten": "84.1",
    "government": "84.1",
    "frivillig": "94",
    "nonprofit": "94",
    "non-profit": "94",
    "intresseorganisation": "94.99",
    "interesseorganisation": "94.99",
    "life science": "21",
    "pharmaceuticals": "21",
    "pharmaceutical": "21",
    "lakemedelsindustri": "21",
    "turism": "79",
    "turisme": "79",
    "tourism": "79",
    "gruv": "07",
    "gruvor": "07",
    "mining": "07",
    "skog": "02",
    "forestry": "02",
    "jordbruk": "01",
    "landbrug": "01",
    "agriculture": "01",
    "spel": "92",
    "gaming": "58.21",
    "dataspel": "58.21",
    "bemanning": "78",
    "rekrytering": "78.1",
    "recruitment": "78.1",
    "forsvar": "84.22",
    "forsvaret": "84.22",
    "defence": "84.22",
    "polis": "84.24",
    "politi": "84.24",
    "police": "84.24",
    "hotel": "55",
    "restaurant": "56",
    "fodevarer": "10",
    "fødevarer": "10",
    "fordonsindustri": "29",
    "vard och omsorg": "Q",
    "omsorg": "88",
    "socialtjanst": "88",
    "tillverkningsindustri": "C",
    "fremstilling": "C",
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
    "rekryterare": "2423",
    "rekrutterer": "2423",
    "recruiter": "2423",
    "hr-generalist": "2423",
    "lonespecialist": "2423",
    "pressekreterare": "2432",
    "informationsansvarig": "2432",
    "byggingenjor": "2142",
    "maskiningenjor": "2144",
    # Danish titles common among graduates (no Danish ISCO labels exist to find them).
    "ingeniør": "2149",
    "lærer": "2330",
    "gymnasielærer": "2330",
    "folkeskolelærer": "2341",
    "underviser": "2359",
    "adjunkt": "2330",
    "læge": "2211",
    "sygeplejerske": "2221",
    "ac-fuldmægtig": "2422",
    "chefkonsulent": "2422",
    "sagsbehandler": "2422",
    "kontorchef": "1219",
    "souschef": "1219",
    "sekretariatschef": "1219",
    "direktør": "1120",
    "cand.scient.pol.": "2422",
    "cand.scient.pol": "2422",
    "cand.scient.adm.": "2422",
    "cand.soc.": "2422",
    "cand.psych.": "2634",
    "indkøber": "3323",
    "forsker": "2131",
    "markedsføringskonsulent": "2431",
    "presseansvarlig": "2432",
    "press officer": "2432",
    "webbredaktor": "2432",
    "kommunikationsmedarbejder": "2432",
    "ux-designer": "2166",
    "ux designer": "2166",
    "produktagare": "2421",
    "product owner": "2421",
    "scrum master": "2421",
    "agil coach": "2421",
    "policy advisor": "2422",
    "policy adviser": "2422",
    "policy officer": "2422",
    "miljostrateg": "2133",
    "hallbarhetsstrateg": "2133",
    "hallbarhetsspecialist": "2133",
    "sustainability specialist": "2133",
    "vd": "1120",
    "ceo": "1120",
    "administrerende direktør": "1120",
    "enhetschef": "1219",
    "universitetslektor": "2310",
    "lektor": "2310",
    "cand.merc.": "2631",
    "cand.merc": "2631",
    "cand.oecon.": "2631",
    "cand.jur.": "2611",
    "cand.jur": "2611",
    "cand.polit.": "2631",
    "redovisningskonsult": "2411",
    "ekonomiassistent": "4311",
    "key account manager": "2433",
    "saljare": "3322",
    "salgskonsulent": "3322",
    "konsulent": "2422",
}

# Swedish and Danish titles are compounds: a field and a role ("kommunikationsstrateg",
# "HR-ansvarig", "økonomichef"). A field names the professional group and the manager
# group that the role words below pick between. Folded keys.
_OCCUPATION_FIELDS: dict[str, tuple[str, str]] = {
    "kommunikation": ("2432", "1222"),
    "communication": ("2432", "1222"),
    "communications": ("2432", "1222"),
    "information": ("2432", "1222"),
    "press": ("2432", "1222"),
    "presse": ("2432", "1222"),
    "pr": ("2432", "1222"),
    "hr": ("2423", "1212"),
    "personal": ("2423", "1212"),
    "personale": ("2423", "1212"),
    "people": ("2423", "1212"),
    "ekonomi": ("2411", "1211"),
    "økonomi": ("2411", "1211"),
    "finans": ("2413", "1211"),
    "finance": ("2413", "1211"),
    "lon": ("2423", "1212"),
    "it": ("2511", "1330"),
    "data": ("2511", "1330"),
    "digital": ("2511", "1330"),
    "digitalisering": ("2511", "1330"),
    "ikt": ("2511", "1330"),
    "ict": ("2511", "1330"),
    "miljo": ("2133", "1213"),
    "miljø": ("2133", "1213"),
    "hallbarhet": ("2133", "1213"),
    "bæredygtighed": ("2133", "1213"),
    "sustainability": ("2133", "1213"),
    "klimat": ("2133", "1213"),
    "klima": ("2133", "1213"),
    "marknad": ("2431", "1221"),
    "marknadsforing": ("2431", "1221"),
    "marketing": ("2431", "1221"),
    "marked": ("2431", "1221"),
    "markedsforing": ("2431", "1221"),
    "forsaljning": ("3322", "1221"),
    "salg": ("3322", "1221"),
    "sales": ("3322", "1221"),
    "jur": ("2611", "1219"),
    "juridik": ("2611", "1219"),
    "legal": ("2611", "1219"),
    "utbildning": ("2424", "1345"),
    "uddannelse": ("2424", "1345"),
    "learning": ("2424", "1345"),
    "kompetens": ("2424", "1212"),
    "kompetence": ("2424", "1212"),
    "upphandling": ("2422", "1324"),
    "udbud": ("2422", "1324"),
    "procurement": ("2422", "1324"),
    "inkop": ("3323", "1324"),
    "indkøb": ("3323", "1324"),
    "purchasing": ("3323", "1324"),
    "policy": ("2422", "1213"),
    "politik": ("2422", "1213"),
    "strategi": ("2422", "1213"),
    "analys": ("2422", "1213"),
    "utredning": ("2422", "1213"),
    "projekt": ("2421", "1219"),
    "project": ("2421", "1219"),
    "verksamhet": ("2421", "1219"),
    "organisation": ("2421", "1219"),
    "forretning": ("2421", "1219"),
    "business": ("2421", "1219"),
    "produkt": ("2421", "1219"),
    "product": ("2421", "1219"),
    "forskning": ("2131", "1223"),
    "research": ("2131", "1223"),
    "hallbarhets": ("2133", "1213"),
}
# Role words: the professional group of the field, or ("chef") its manager group.
_ROLE_WORDS = frozenset(
    {
        "strateg",
        "strategist",
        "specialist",
        "ansvarig",
        "ansvarlig",
        "samordnare",
        "koordinator",
        "coordinator",
        "konsult",
        "konsulent",
        "consultant",
        "radgivare",
        "radgiver",
        "rådgiver",
        "advisor",
        "adviser",
        "medarbetare",
        "medarbejder",
        "officer",
        "expert",
        "generalist",
        "partner",
        "handlaggare",
        "analytiker",
        "analyst",
        "utvecklare",
        "developer",
        "administrator",
        "controller",
        "planerare",
        "planner",
        "assistent",
        "assistant",
        "business partner",
    }
)
_MANAGER_WORDS = frozenset(
    {"chef", "manager", "direktor", "direktør", "director", "leder", "head", "lead", "boss"}
)
# Endings that say "a company in field X" ("fordonsindustri", "energisektoren").
_INDUSTRY_GENERIC = frozenset(
    {
        "industri",
        "industrin",
        "industrien",
        "industry",
        "sektor",
        "sektorn",
        "sektoren",
        "sector",
        "bransch",
        "branschen",
        "branche",
        "branchen",
        "byra",
        "byran",
        "bureau",
        "kontor",
        "kontoret",
        "foretag",
        "firma",
        "bolag",
        "virksomhed",
        "verksamhet",
        "omrade",
        "omradet",
        "business",
        "company",
        "companies",
        "tjanster",
        "services",
        "sektorer",
        "området",
        "selskab",
        "selskaber",
        "selskabet",
        "hus",
        "huset",
        "koncern",
        "koncernen",
        "group",
        "firm",
        "område",
    }
)
_JOINERS = frozenset({"och", "og", "and", "&", "i", "inom", "med", "of", "for", "in", "pa"})

# The tables above are written as people spell; match them in folded form.
_INDUSTRY_WORDS = {_fold(k): v for k, v in _INDUSTRY_WORDS.items()}
_OCCUPATION_WORDS = {_fold(k): v for k, v in _OCCUPATION_WORDS.items()}
_OCCUPATION_FIELDS = {_fold(k): v for k, v in _OCCUPATION_FIELDS.items()}
_ROLE_WORDS = frozenset(_fold(w) for w in _ROLE_WORDS)
_MANAGER_WORDS = frozenset(_fold(w) for w in _MANAGER_WORDS)
_INDUSTRY_GENERIC = frozenset(_fold(w) for w in _INDUSTRY_GENERIC)


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
    return [w for w in query.split() if w not in _JOINERS]


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
        if field not in _OCCUPATION_FIELDS:
            continue
        professional, manager = _OCCUPATION_FIELDS[field]
        if role in _MANAGER_WORDS:
            return manager
        if role in _ROLE_WORDS:
            return professional
    return None


@cache
def _single_word_titles() -> dict[str, str]:
    """One-word occupation names (labels, ESCO names, everyday words) and their code,
    for reading the head of a compound ("affärsjurist" ends in "jurist")."""
    index = _occupation_terms()
    titles = {t: index.codes[i] for i, t in enumerate(index.terms) if " " not in t}
    titles.update({w: c for w, c in _OCCUPATION_WORDS.items() if " " not in w})
    return titles


def _head_occupation(word: str) -> str | None:
    """ISCO code of the longest known title that ends a compound word ("chefsjurist",
    "frontendutvecklare", "specialkonsulent"); heads shorter than 5 letters are ignored."""
    titles = _single_word_titles()
    for i in range(1, len(word) - 4):
        if word[i:] in titles:
            return titles[word[i:]]
    return None


def _compound_industry(word: str, index: _Terms, limit: int) -> dict[str, float]:
    """Codes for "field + generic ending" words ("fordonsindustri", "energiselskab",
    "mediehus"); the field may be the start of an everyday word ("medie-" of "medier")."""
    for field, ending in _splits(word):
        if ending in _INDUSTRY_GENERIC and len(field) >= 2:
            found = _search_plain(field, index, _INDUSTRY_WORDS, limit, None)
            if (not found or max(found.values()) < 88) and len(field) >= 4:
                starts = sorted(w for w in _INDUSTRY_WORDS if w.startswith(field))
                found = {_INDUSTRY_WORDS[starts[0]]: 95.0} if starts else {}
            if found and max(found.values()) >= 88:
                return found
    return {}


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
    words = _OCCUPATION_WORDS if kind == "isco" else _INDUSTRY_WORDS
    code = query if kind == "isco" else normalise_industry_code(query)
    if code in (_occupations() if kind == "isco" else _industries()):
        return [(code, 100.0)]
    best = _search_plain(query, index, words, limit, lang)
    if not best or max(best.values()) < 90:
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
