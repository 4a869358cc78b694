"""Occupations (ISCO-08), industries (NACE Rev. 2) and regions, with sv/da/en labels.

The data ships inside the package (built from the ESCO, ILO, Eurostat, SSB, SCB and
HL7 DK open data by :mod:`natverk.taxonomy._build`; attributions in NOTICE) and is
loaded on first use. Both classifications are trees, and the distance functions
measure how far apart two codes are in their tree: 0 for the same unit, 1 for
different top-level groups. Pure: no Django.

ISCO-08 labels exist in English, Swedish, Danish (ESCO's, which name the work:
"Softwareudvikling") and Norwegian (STYRK-08, approximate).

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
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "Industry",
    "Occupation",
    "Region",
    "UnknownCodeError",
    "dk_regions",
    "industries",
    "industry",
    "industry_difference",
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
        """Label in ``lang`` (sv, da, en, nb; unknown languages fall back to English)."""
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
            r["code"], int(r["level"]), r["parent"], _labels(r, ("en", "sv", "da", "nb"))
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


def industry_difference(a: str, b: str) -> float:
    """Whether two NACE codes are different industries, as a network leader means it and
    the "different industry" rule checks it: 1 for different divisions (two digits), 0
    for the same division, 0.5 when one code is only a section and the sections agree.

    >>> industry_difference("62.01", "62.09"), industry_difference("62.01", "63.11")
    (0.0, 1.0)
    """
    pa, pb = industry(a).path, industry(b).path
    if pa[0] != pb[0]:
        return 1.0
    if len(pa) < 2 or len(pb) < 2:
        return 0.5
    return 0.0 if pa[1] == pb[1] else 1.0


def industry_distance(a: str, b: str) -> float:
    """Distance of two NACE codes in [0, 1]: 0 same item, 0.25 same group, 0.5 same
    division, 0.75 same section, 1 different sections (codes at any level)."""
    return _tree_distance(industry(a).path, industry(b).path, 4)


# Search lives in _search (word tables in data/*.csv); imported last: it reads the above.
from natverk.taxonomy._search import search_industries, search_occupations  # noqa: E402
