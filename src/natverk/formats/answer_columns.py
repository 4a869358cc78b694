"""How the columns of a forms export are recognised: by the caller's choice, by their
header (sv/da/nb/en words, data/applicant_headers.csv) or by their answers (weekdays and
times of day, e-mail addresses, language names, regions, names, timestamps). Used by
:mod:`natverk.formats.applicants`; pure, no Django."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from natverk.formats.errors import FormatError, Problem
from natverk.i18n import gettext_noop as _
from natverk.language import fold
from natverk.schedule import SlotParseError, parse_slots
from natverk.taxonomy import regions

__all__ = [
    "CONSTRAINT_FIELDS",
    "EMAIL",
    "FIELDS",
    "LANGUAGES",
    "ApplicantFileError",
    "Columns",
    "headers_found",
    "plain",
    "region_code",
    "understand",
]


def _header_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    text = resources.files("natverk.formats").joinpath("data", "applicant_headers.csv")
    found: dict[str, list[str]] = {}
    for row in csv.DictReader(io.StringIO(text.read_text("utf-8"), newline="")):
        found.setdefault(row["field"], []).append(row["word"])
    return tuple((name, tuple(words)) for name, words in found.items())


#: Field -> words that mark its header (folded), checked in the file's order
#: (data/applicant_headers.csv: "ignore" first, so timestamps are never a field).
_HEADER_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = _header_words()

#: Every field a column can be read as, in the order they are reported.
FIELDS = (
    "name",
    "email",
    "profession",
    "industry",
    "employer",
    "region",
    "seniority",
    "languages",
    "hopes",
    "offers",
    "availability",
)

#: Fields the grouping turns into a hard constraint; ``natverk match`` needs them found.
CONSTRAINT_FIELDS = ("availability", "employer")

#: Headers that are a row number or an id, whatever their answers (Microsoft Forms "ID").
_ID_HEADERS = frozenset({"id", "#", "nr", "no", "network id", "respondent id"})

_STAMP = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}[ T]\d{1,2}[:.]\d{2}")

#: Share of the filled answers that must look like a field for the column to be it.
_CONTENT_SHARE = 0.7

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

LANGUAGES = {
    "svenska": "sv",
    "swedish": "sv",
    "svensk": "sv",
    "dansk": "da",
    "danska": "da",
    "danish": "da",
    "norsk": "nb",
    "norska": "nb",
    "norwegian": "nb",
    "engelska": "en",
    "engelsk": "en",
    "english": "en",
    "sv": "sv",
    "da": "da",
    "nb": "nb",
    "en": "en",
}


class ApplicantFileError(FormatError):
    """The applicants in the file cannot be imported; ``problems`` lists every reason."""


def plain(text: str) -> str:
    """Folded text with å, ä, ö written as a, a, o (headers and place names)."""
    return fold(text, plain=True)


def _field_of(header: str) -> str | None:
    text = plain(header)
    for name, words in _HEADER_WORDS:
        for word in words:
            if re.search(rf"(^|[^a-z]){re.escape(word)}", text):
                return name
    return None


@lru_cache(maxsize=1024)
def region_code(text: str) -> str:
    value = plain(text).strip()
    if not value:
        return ""
    for r in regions():
        if value == r.code.lower():
            return r.code
        for _lang, label in r.labels:
            name = plain(label)
            short = name.replace(" lan", "").replace("region ", "").replace("s lan", "")
            if value in (name, short) or (len(value) >= 4 and name.startswith(value)):
                return r.code
    return ""


def _is_time(value: str) -> bool:
    try:
        return bool(parse_slots(value))
    except SlotParseError:
        return False


def _is_languages(value: str) -> bool:
    words = [w for w in re.split(r"[\s,;/]+|\boch\b|\bog\b|\band\b", fold(value)) if w]
    return bool(words) and all(w in LANGUAGES for w in words)


_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'-]*(?:[-'][^\W\d_]+)*$")


def _is_name(value: str) -> bool:
    """Two to four capitalised words of letters: how people write their name."""
    words = value.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and _NAME_WORD.match(w) for w in words)


#: What answers of each field look like, tried in this order.
_CONTENT_TESTS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("ignore", lambda v: bool(_STAMP.match(v.strip()))),
    ("email", lambda v: bool(EMAIL.match(v.strip().lower()))),
    ("languages", _is_languages),
    ("availability", _is_time),
    ("region", lambda v: bool(region_code(v))),
    ("name", _is_name),
)


def _field_by_answers(values: Sequence[str]) -> str | None:
    """The field whose answers these are, when most filled answers (at least three)
    look like it; None when they look like nothing in particular (free text)."""
    filled = [v for v in values if v.strip()][:200]
    if len(filled) < 3:
        return None
    for name, looks_like in _CONTENT_TESTS:
        if sum(1 for v in filled if looks_like(v)) >= _CONTENT_SHARE * len(filled):
            return name
    return None


def _given_column(header: Sequence[str], title: str) -> int | None:
    """The column a caller means by ``title``: the same header after folding, or the
    one header it starts or (failing that) is part of."""
    wanted = plain(title).strip()
    folded = [plain(h).strip() for h in header]
    for test in (
        lambda h: h == wanted,
        lambda h: h.startswith(wanted),
        lambda h: wanted in h,
    ):
        found = [k for k, h in enumerate(folded) if wanted and test(h)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return None
    return None


@dataclass(frozen=True)
class Columns:
    index: dict[str, int]
    how: dict[str, str]
    ignored: list[str]


def _unknown_field(name: str) -> ApplicantFileError:
    return ApplicantFileError(
        _("Unknown field %(field)s: the fields are %(fields)s."),
        field=name,
        fields=", ".join(FIELDS),
    )


def _given(header: Sequence[str], name: str, title: str | int) -> int:
    """The column the caller gave for a field: its position, or its header."""
    if name not in FIELDS:
        raise _unknown_field(name)
    if isinstance(title, int):
        if 0 <= title < len(header):
            return title
        raise ApplicantFileError(
            _("The file has no column %(number)s (for %(field)s)."), number=title + 1, field=name
        )
    k = _given_column(header, title)
    if k is None:
        raise ApplicantFileError(
            [
                Problem(
                    _("No single column is headed %(header)r (for %(field)s)."),
                    {"header": title[:80], "field": name},
                ),
                headers_found(header),
            ]
        )
    return k


def understand(
    header: list[str],
    rows: list[list[str]],
    given: Mapping[str, str | int],
    without: Collection[str] = (),
) -> Columns:
    """Which column is which field: the caller's, then by header, then by answers;
    fields in ``without`` are read from no column."""
    index: dict[str, int] = {}
    how: dict[str, str] = {}
    for name in without:
        if name not in FIELDS:
            raise _unknown_field(name)
    for name, title in given.items():
        k = _given(header, name, title)
        if k in index.values():
            other = next(f for f, j in index.items() if j == k)
            raise ApplicantFileError(
                _("The column %(header)r cannot be both %(field)s and %(other)s."),
                header=header[k][:80],
                field=name,
                other=other,
            )
        index[name], how[name] = k, "given"
    taken = set(index.values())
    blocked = set(index) | set(without)
    unknown: list[int] = []
    for k, title in enumerate(header):
        if k in taken:
            continue
        by_header = "ignore" if plain(title).strip() in _ID_HEADERS else _field_of(title)
        if by_header == "ignore":
            taken.add(k)
        elif by_header is None or by_header in blocked:
            unknown.append(k)
        else:
            index[by_header], how[by_header] = k, "header"
            blocked.add(by_header)
            taken.add(k)
    for k in unknown:
        by_answers = _field_by_answers([row[k] if k < len(row) else "" for row in rows[1:]])
        if by_answers is not None and by_answers != "ignore" and by_answers not in blocked:
            index[by_answers], how[by_answers] = k, "answers"
            blocked.add(by_answers)
            taken.add(k)
        elif by_answers == "ignore":
            taken.add(k)
    ignored = [h for k, h in enumerate(header) if k not in taken and h]
    return Columns(index, how, ignored)


def headers_found(header: Sequence[str]) -> Problem:
    return Problem(
        _("Columns in the file: %(columns)s."),
        {"columns": "; ".join(h[:80] or "(empty)" for h in header[:50])},
    )
