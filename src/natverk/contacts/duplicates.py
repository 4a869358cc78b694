"""Which contacts are the same person: the same e-mail address, the same phone number in
E.164 (read with the member's country as default region), the same LinkedIn profile, or
a close name (rapidfuzz token-sort ratio >= 90) at the same company.

Pure: plain :class:`Card` values in, keys out (contact ids, or negative numbers for
records of a file being imported). Names are compared only within a company (a block);
a block larger than ``_SUB_BLOCK`` is split by the first letters of the name's sorted
words (up to three), so 10,000 contacts at one employer still compare in seconds
(docs/benchmarks.md); names that differ in those first letters are then not compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from urllib.parse import unquote

import numpy as np
import phonenumbers
from rapidfuzz import fuzz, process

__all__ = ["Card", "Index", "Match", "NAME_SCORE", "find_duplicates", "phone_key"]

NAME_SCORE = 90
_SUB_BLOCK = 400
EMAIL, PHONE, LINKEDIN, NAME = "email", "phone", "linkedin", "name"


@dataclass(frozen=True)
class Card:
    """What duplicates are judged by; ``key`` is a contact id (or < 0 for a record)."""

    key: int
    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    company: str = ""
    linkedin_url: str = ""


@dataclass(frozen=True)
class Match:
    """A card that is the same person, and why (``strong`` unless only the name fits)."""

    key: int
    reason: str

    @property
    def strong(self) -> bool:
        """Same address, phone or profile: safe to merge without a second look."""
        return self.reason != NAME


@cache
def _suffixes() -> frozenset[str]:
    text = resources.files("natverk.contacts").joinpath("data/company_suffixes.txt").read_text()
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def company_key(company: str) -> str:
    """A company as compared: case-folded, punctuation and legal forms dropped.

    >>> company_key("Vattenfall AB (publ)") == company_key("vattenfall")
    True
    """
    words = re.sub(r"[^\w/]+", " ", company.casefold()).split()
    kept = [w for w in words if w not in _suffixes()]
    return " ".join(kept or words)


def name_key(name: str) -> str:
    """A name as compared: case-folded, accents kept, words in order."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def email_key(email: str) -> str:
    """An e-mail address as compared."""
    return email.strip().casefold()


@lru_cache(maxsize=65_536)
def phone_key(raw: str, region: str = "SE") -> str:
    """A phone number in E.164 (``+46701234567``), or its digits when it cannot be read.

    >>> phone_key("070-123 45 67", "SE"), phone_key("+46 70 123 45 67", "DK")
    ('+46701234567', '+46701234567')
    """
    try:
        number = phonenumbers.parse(raw, region or None)
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass
    digits = "".join(c for c in raw if c.isdigit())
    return digits if len(digits) >= 6 else ""


def linkedin_key(url: str) -> str:
    """A LinkedIn profile address as compared (no scheme, ``www.``, query or slash)."""
    value = unquote(url.strip().casefold())
    value = re.sub(r"^[a-z]+://", "", value).removeprefix("www.")
    return value.split("?")[0].rstrip("/")


def _strong_keys(card: Card, region: str) -> Iterator[tuple[str, str]]:
    for email in card.emails:
        if key := email_key(email):
            yield EMAIL, key
    for phone in card.phones:
        if key := phone_key(phone, region):
            yield PHONE, key
    if card.linkedin_url and (key := linkedin_key(card.linkedin_url)):
        yield LINKEDIN, key


class Index:
    """Cards to match new cards against, one at a time (an import's plan)."""

    def __init__(self, region: str = "SE") -> None:
        self.region = region
        self._strong: dict[tuple[str, str], int] = {}
        self._names: dict[str, tuple[list[str], list[int]]] = defaultdict(lambda: ([], []))

    def add(self, card: Card) -> None:
        """Remember a card (the first card with a key keeps it)."""
        for key in _strong_keys(card, self.region):
            self._strong.setdefault(key, card.key)
        if card.company and card.name:
            names, keys = self._names[company_key(card.company)]
            names.append(name_key(card.name))
            keys.append(card.key)

    def find(self, card: Card) -> Match | None:
        """The remembered card that is the same person, strong reasons first (ask before
        adding the card itself)."""
        for kind, key in _strong_keys(card, self.region):
            found = self._strong.get((kind, key))
            if found is not None and found != card.key:
                return Match(found, kind)
        if not card.company or not card.name:
            return None
        names, keys = self._names.get(company_key(card.company), ([], []))
        best = process.extractOne(
            name_key(card.name), names, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_SCORE
        )
        return Match(keys[best[2]], NAME) if best is not None else None


def _name_pairs(block: list[tuple[str, int]], depth: int = 1) -> Iterator[tuple[int, int]]:
    if len(block) > _SUB_BLOCK and depth <= 3:
        parts: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for name, key in block:
            parts[" ".join(sorted(name.split()))[:depth]].append((name, key))
        for part in parts.values():
            yield from _name_pairs(part, depth + 1)
        return
    names = [name for name, _key in block]
    scores = process.cdist(
        names, names, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_SCORE, dtype=np.uint8
    )
    rows, cols = np.nonzero(np.triu(scores, k=1))
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        yield block[i][1], block[j][1]


def find_duplicates(cards: Iterable[Card], region: str = "SE") -> list[tuple[int, int, str]]:
    """Pairs of cards that look like the same person ``(first key, second key, reason)``,
    each pair once, in the order of the cards (the earlier card first)."""
    order: dict[int, int] = {}
    first_with: dict[tuple[str, str], int] = {}
    blocks: dict[str, list[tuple[str, int]]] = defaultdict(list)
    found: dict[tuple[int, int], str] = {}
    for position, card in enumerate(cards):
        order[card.key] = position
        for key in _strong_keys(card, region):
            earlier = first_with.setdefault(key, card.key)
            if earlier != card.key:
                found.setdefault((earlier, card.key), key[0])
        if card.company and card.name:
            blocks[company_key(card.company)].append((name_key(card.name), card.key))
    for block in blocks.values():
        if len(block) < 2:
            continue
        for a, b in _name_pairs(block):
            pair = (a, b) if order[a] < order[b] else (b, a)
            found.setdefault(pair, NAME)
    return sorted(
        ((a, b, reason) for (a, b), reason in found.items()),
        key=lambda item: (order[item[0]], order[item[1]]),
    )
