"""Text in Swedish, Danish, Norwegian and English: what do people hope for and offer?

Hopes and offers are short free texts. To see whether one person's offer meets
another's hope across languages, natverk maps each text to *topics*: the hand-written
networking topics of :mod:`natverk.language._vocabulary` (everyday words in all four
languages) and the ESCO skills (English and Swedish labels, shipped in the package).
Matching folds case and diacritics and accepts inflected word forms; Danish and
Norwegian compounds reach the Swedish ESCO labels by close spelling ("krisekommunikation"
and "kriskommunikation"). :func:`text_similarity` adds a TF-IDF comparison over
character n-grams for what no topic names. Pure: no Django.

Examples
--------
>>> sorted(topics("Jeg håber at lære mere om krisekommunikation"))
['crisis-communication']
>>> topics("kriskommunikation") == topics("crisis communication")
True
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from natverk.language._vocabulary import TOPICS

__all__ = [
    "STOP_WORDS",
    "ascii_spelled",
    "detect_language",
    "fold",
    "stem",
    "text_similarity",
    "tokens",
    "topic_label",
    "topics",
]


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("natverk.language").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _stop_words() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for row in _read("stop_words.csv"):
        found.setdefault(row["lang"], set()).add(row["word"])
    return {lang: frozenset(words) for lang, words in found.items()}


#: Words too common to tell a topic, per language (data/stop_words.csv).
STOP_WORDS: dict[str, frozenset[str]] = _stop_words()
_ALL_STOP_WORDS: frozenset[str] = frozenset().union(*STOP_WORDS.values())
_STEMMERS = {"sv": "swedish", "da": "danish", "nb": "norwegian", "en": "english"}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


# Letters that Unicode does not decompose, and the Danish/Norwegian ones written the
# Swedish way: "Økonomi" and "ökonomi" are one word.
_NORDIC = str.maketrans(
    {"æ": "ä", "ø": "ö", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "þ": "th", "ð": "d"}
)
_PLAIN = str.maketrans({"å": "a", "ä": "a", "ö": "o"})


def fold(text: str, *, plain: bool = False) -> str:
    """The form in which natverk compares words written in sv, da, nb and en.

    Case is folded; Danish and Norwegian æ, ø are written as Swedish ä, ö; å, ä and ö are
    kept (they tell "hår" from "har"); every other diacritic is dropped (é -> e). With
    ``plain=True`` å, ä and ö become a, a, o as well, for lookups that must forgive a
    keyboard without them ("Okonom" finds "Økonom").

    >>> fold("Bæredygtighed Økonomi Café")
    'bäredygtighed ökonomi cafe'
    >>> fold("Fuldmægtig, Läkare", plain=True)
    'fuldmagtig, lakare'
    """
    folded = unicodedata.normalize("NFC", text.casefold().translate(_NORDIC))
    if not folded.isascii():  # ASCII letters have nothing to drop
        folded = _NON_ASCII.sub(_folded_letter, folded)
    return folded.translate(_PLAIN) if plain else folded


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_DIGRAPH = re.compile(r"(a)[ae]|(o)e|(u)e")


def ascii_spelled(folded: str) -> str:
    """Plain folded text with the ASCII spellings of æ, ø, å and ü (ae, oe, aa, ue) as
    the one letter that ``fold(plain=True)`` gives them, so that a search typed on an
    English keyboard ("Baek", "Soeren", "Aarhus") finds "Bæk", "Søren" and "Århus".
    Lossy ("Michael" becomes "michal"): for matching alongside the folded form only.

    >>> ascii_spelled(fold("Soeren Baek, Aarhus", plain=True))
    'soren bak, arhus'
    """
    return _DIGRAPH.sub(lambda m: m.group(1) or m.group(2) or m.group(3), folded)


def _folded_letter(match: re.Match[str]) -> str:
    return _fold_letter(match.group())


@lru_cache(maxsize=4096)
def _fold_letter(letter: str) -> str:
    """One letter without its diacritics (å, ä and ö kept)."""
    if letter in "åäö":
        return letter
    parts = unicodedata.normalize("NFKD", letter)
    return "".join(ch for ch in parts if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    """Words of a text, folded."""
    return _WORD.findall(fold(text))


def detect_language(text: str) -> str:
    """The most likely of sv, da, nb and en for a short text (by stop words and letters).

    >>> detect_language("Jeg håber at lære mere om ledelse")
    'da'
    >>> detect_language("Jag hoppas lära mig mer om ledarskap")
    'sv'
    """
    words = text.casefold().split()
    scores = {
        lang: sum(w.strip(".,;:!?") in stops for w in words) for lang, stops in STOP_WORDS.items()
    }
    lowered = text.casefold()
    scores["sv"] += 2 * sum(lowered.count(c) for c in "äö")
    scores["da"] += 2 * sum(lowered.count(c) for c in "æø")
    scores["nb"] += 2 * sum(lowered.count(c) for c in "æø")
    best = max(scores.values())
    if best == 0:
        return "en"
    # Danish before Norwegian on ties: more of natverk's members write Danish.
    return next(lang for lang in ("sv", "da", "nb", "en") if scores[lang] == best)


def stem(word: str, lang: str) -> str:
    """Snowball stem of a word in sv, da, nb or en."""
    return str(_stemmer(lang).stemWord(word.casefold()))


@cache
def _stemmer(lang: str) -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer(_STEMMERS.get(lang, "english"))


@cache
def _phrases() -> tuple[dict[str, list[tuple[tuple[str, ...], str]]], list[str], list[str]]:
    """Index of topic phrases by their first folded word, plus single-word ESCO labels
    (with their topic ids) for close-spelling matches of compounds."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    singles: list[str] = []
    single_ids: list[str] = []

    def add(phrase: str, topic: str) -> None:
        words = tuple(tokens(phrase))
        if words:
            index.setdefault(words[0], []).append((words, topic))

    for topic in TOPICS:
        for word in topic.words:
            add(word, topic.key)
    for row in _read("esco_skills.csv"):
        skill = f"esco:{row['id']}"
        for label in (row["en"], row["sv"]):
            add(label, skill)
        words = tokens(row["sv"])
        if len(words) == 1 and len(words[0]) >= 9:
            singles.append(words[0])
            single_ids.append(skill)
    return index, singles, single_ids


@lru_cache(maxsize=65536)
def _close_compound(word: str) -> str | None:
    """A Swedish ESCO label spelled within a letter or two of a long word, if any."""
    _, singles, ids = _phrases()
    found = process.extractOne(word, singles, scorer=fuzz.ratio, score_cutoff=92)
    return None if found is None else ids[found[2]]


def _matches(word: str, target: str) -> bool:
    # Whole word, or an inflected form of a word of 5+ letters ("ledarskapet").
    return word == target or (len(target) >= 5 and word.startswith(target))


def topics(text: str) -> frozenset[str]:
    """Topic ids named in a text: hand-written topic keys and "esco:<id>" skills.

    Parameters
    ----------
    text
        A hope or an offer in sv, da, nb or en.

    Returns
    -------
    frozenset of str
        Keys such as "crisis-communication", or "esco:xxxxxxxx" for ESCO skills.
    """
    index, _, _ = _phrases()
    words = tokens(text)
    found: set[str] = set()
    k = 0
    while k < len(words):
        word = words[k]
        # Phrases starting with the word itself or a 5+ letter start of it (inflected
        # forms); the longest phrase found here wins and its words are used up.
        starts = {word} | {word[:length] for length in range(5, len(word))}
        # Longest phrase first, then the longest word start ("bæredygtighedsrapport"
        # before "bæredygtighed").
        longest, best = 0, (0, 0)
        hits: set[str] = set()
        for first in starts:
            for phrase, topic in index.get(first, ()):
                size = len(phrase)
                if size == 1 and word in _ALL_STOP_WORDS:
                    continue
                rank = (size, len(first))
                if rank < best or not all(
                    k + m < len(words) and _matches(words[k + m], phrase[m]) for m in range(1, size)
                ):
                    continue
                if rank > best:
                    longest, best, hits = size, rank, set()
                hits.add(topic)
        if not hits and len(word) >= 9:
            close = _close_compound(word)
            if close is not None:
                longest, hits = 1, {close}
        found |= hits
        k += max(1, longest)
    return frozenset(found)


def topic_label(topic: str, lang: str = "sv") -> str:
    """Human label of a topic id in sv, da or en (ESCO skills: sv or en)."""
    for t in TOPICS:
        if t.key == topic:
            return {"sv": t.sv, "da": t.da}.get(lang, t.en)
    if topic.startswith("esco:"):
        labels = _esco_labels().get(topic[5:])
        if labels is not None:
            return labels[1] if lang == "sv" else labels[0]
    return topic


@cache
def _esco_labels() -> dict[str, tuple[str, str]]:
    return {r["id"]: (r["en"], r["sv"]) for r in _read("esco_skills.csv")}


def text_similarity(left: Sequence[str], right: Sequence[str]) -> NDArray[np.float64]:
    """Cosine similarity of every left text with every right text (TF-IDF over
    character 3-5-grams within words, which tolerates compounds and inflections).

    Returns an array of shape (len(left), len(right)) with values in [0, 1].
    """
    if not left or not right:
        return np.zeros((len(left), len(right)))
    corpus = [fold(t) for t in (*left, *right)]
    if not any(c.strip() for c in corpus):
        return np.zeros((len(left), len(right)))
    from sklearn.feature_extraction.text import TfidfVectorizer  # heavy: only when used

    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), min_df=1, sublinear_tf=True
    )
    matrix = vectorizer.fit_transform(corpus)
    a, b = matrix[: len(left)], matrix[len(left) :]
    return np.asarray((a @ b.T).toarray(), dtype=np.float64)
