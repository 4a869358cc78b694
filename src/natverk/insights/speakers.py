"""Which member a transcript's speaker is: names compared regardless of case, accents,
order ("Berg, Anna" is "Anna Berg") and tags such as "(SL)" or "(Guest)". Pure: no Django.

Examples
--------
>>> match_speakers(["berg, ANNA", "Bjorn Ohlsson (Gäst)", "8f3c2a10-1111"],
...                ["Anna Berg", "Björn Öhlsson", "Cecilia Dahl"])
{'berg, ANNA': 0, 'Bjorn Ohlsson (Gäst)': 1, '8f3c2a10-1111': None}
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from natverk.language import fold

__all__ = ["match_speakers", "name_key"]

#: Least similarity (0-100, token sort ratio) taken as the same person.
THRESHOLD = 88
_TAGS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def name_key(name: str) -> str:
    """A name folded for comparing (``natverk.language.fold`` with plain letters: no case,
    no accents, "Björn" is "Bjørn" is "Bjorn"), tags and punctuation gone, words in
    alphabetical order."""
    words = re.findall(r"[^\W_]+", fold(_TAGS.sub(" ", name), plain=True))
    return " ".join(sorted(words))


def match_speakers(speakers: Sequence[str], names: Sequence[str]) -> dict[str, int | None]:
    """For each speaker, the index of the member it names (None when none is close
    enough, or when two members are equally close). Each member is matched once, to the
    closest speaker."""
    keys = [name_key(n) for n in names]
    candidates: list[tuple[float, str, int]] = []
    for speaker in speakers:
        key = name_key(speaker)
        if not key:
            continue
        scores = [fuzz.token_sort_ratio(key, k) if k else 0.0 for k in keys]
        best = max(scores, default=0.0)
        if best >= THRESHOLD and scores.count(best) == 1:
            candidates.append((best, speaker, scores.index(best)))
    out: dict[str, int | None] = {s: None for s in speakers}
    taken: set[int] = set()
    for _score, speaker, member in sorted(candidates, key=lambda c: -c[0]):
        if member not in taken and out[speaker] is None:
            out[speaker] = member
            taken.add(member)
    return out
