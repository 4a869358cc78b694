"""Hand-written cross-language topics of networking hopes and offers.

Each topic (a row of data/topics.csv) has a key, labels in sv/da/en (used in
explanations) and the words people write for it in Swedish, Danish, Norwegian and
English (matched after folding case and diacritics, as word starts, so inflections and
plurals match). ESCO skills add thousands of further topics (sv/en) from their data
file; these cover the everyday words that ESCO's formal labels miss and bridge Danish
and Norwegian.
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from typing import NamedTuple

__all__ = ["TOPICS", "Topic"]


class Topic(NamedTuple):
    """A topic: key, labels in sv/da/en, and the words that signal it."""

    key: str
    sv: str
    da: str
    en: str
    words: tuple[str, ...]


def _read() -> tuple[Topic, ...]:
    text = resources.files("natverk.language").joinpath("data", "topics.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(text, newline=""))
    return tuple(
        Topic(r["key"], r["sv"], r["da"], r["en"], tuple(r["words"].split("|"))) for r in rows
    )


#: The topics, from data/topics.csv (words separated by "|").
TOPICS: tuple[Topic, ...] = _read()
