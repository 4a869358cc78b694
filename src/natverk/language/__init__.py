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
import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import numpy as np
import snowballstemmer
from numpy.typing import NDArray
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import TfidfVectorizer

from natverk.language._vocabulary import TOPICS

__all__ = [
    "STOP_WORDS",
    "detect_language",
    "fold",
    "stem",
    "text_similarity",
    "tokens",
    "topic_label",
    "topics",
]

STOP_WORDS: dict[str, frozenset[str]] = {
    "sv": frozenset(
        [
            "och",
            "att",
            "det",
            "som",
            "en",
            "på",
            "är",
            "av",
            "för",
            "med",
            "till",
            "den",
            "har",
            "de",
            "inte",
            "om",
            "ett",
            "han",
            "men",
            "var",
            "jag",
            "sig",
            "från",
            "vi",
            "så",
            "kan",
            "man",
            "när",
            "år",
            "säga",
            "hon",
            "under",
            "också",
            "efter",
            "eller",
            "nu",
            "sina",
            "där",
            "vid",
            "mot",
            "ska",
            "skulle",
            "kommer",
            "ut",
            "får",
            "finns",
            "vara",
            "hade",
            "alla",
            "andra",
            "mycket",
            "än",
            "här",
            "då",
            "sedan",
            "över",
            "bli",
            "lära",
            "mer",
            "gärna",
            "vill",
            "hoppas",
            "kring",
            "inom",
            "även",
            "mig",
            "min",
            "mitt",
            "mina",
        ]
    ),
    "da": frozenset(
        [
            "og",
            "i",
            "at",
            "det",
            "er",
            "en",
            "til",
            "på",
            "som",
            "de",
            "med",
            "han",
            "af",
            "for",
            "ikke",
            "der",
            "var",
            "mig",
            "sig",
            "men",
            "et",
            "har",
            "om",
            "vi",
            "min",
            "havde",
            "ham",
            "hun",
            "nu",
            "over",
            "da",
            "fra",
            "du",
            "ud",
            "sin",
            "dem",
            "os",
            "op",
            "man",
            "hans",
            "hvor",
            "eller",
            "hvad",
            "skal",
            "selv",
            "her",
            "alle",
            "vil",
            "blev",
            "kunne",
            "ind",
            "når",
            "være",
            "dog",
            "noget",
            "ville",
            "jo",
            "deres",
            "efter",
            "ned",
            "skulle",
            "denne",
            "end",
            "dette",
            "mit",
            "også",
            "under",
            "have",
            "dig",
            "anden",
            "hende",
            "mine",
            "alt",
            "meget",
            "sit",
            "sine",
            "vor",
            "mod",
            "disse",
            "hvis",
            "din",
            "nogle",
            "hos",
            "blive",
            "mange",
            "ad",
            "bliver",
            "hendes",
            "været",
            "thi",
            "jer",
            "sådan",
            "jeg",
            "håber",
            "lære",
            "mere",
            "gerne",
            "inden",
            "for",
        ]
    ),
    "nb": frozenset(
        [
            "og",
            "i",
            "jeg",
            "det",
            "at",
            "en",
            "et",
            "den",
            "til",
            "er",
            "som",
            "på",
            "de",
            "med",
            "han",
            "av",
            "ikke",
            "der",
            "så",
            "var",
            "meg",
            "seg",
            "men",
            "ett",
            "har",
            "om",
            "vi",
            "min",
            "mitt",
            "ha",
            "hadde",
            "hun",
            "nå",
            "over",
            "da",
            "ved",
            "fra",
            "du",
            "ut",
            "sin",
            "dem",
            "oss",
            "opp",
            "man",
            "kan",
            "hans",
            "hvor",
            "eller",
            "hva",
            "skal",
            "selv",
            "sjøl",
            "her",
            "alle",
            "vil",
            "bli",
            "ble",
            "blitt",
            "kunne",
            "inn",
            "når",
            "være",
            "kom",
            "noen",
            "noe",
            "ville",
            "dere",
            "som",
            "deres",
            "kun",
            "ja",
            "etter",
            "ned",
            "skulle",
            "denne",
            "for",
            "deg",
            "si",
            "sine",
            "sitt",
            "mot",
            "å",
            "meget",
            "hvorfor",
            "dette",
            "disse",
            "uten",
            "hvordan",
            "ingen",
            "din",
            "ditt",
            "blir",
            "samme",
            "hvilken",
            "håper",
            "lære",
            "mer",
            "gjerne",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "and",
            "to",
            "of",
            "a",
            "in",
            "that",
            "is",
            "for",
            "it",
            "with",
            "as",
            "was",
            "on",
            "be",
            "at",
            "by",
            "this",
            "i",
            "you",
            "are",
            "from",
            "or",
            "have",
            "an",
            "they",
            "which",
            "one",
            "we",
            "can",
            "my",
            "more",
            "would",
            "there",
            "their",
            "what",
            "so",
            "about",
            "if",
            "who",
            "will",
            "hope",
            "learn",
            "get",
            "share",
            "happy",
            "also",
            "into",
            "other",
            "others",
        ]
    ),
}
_ALL_STOP_WORDS: frozenset[str] = frozenset().union(*STOP_WORDS.values())
_STEMMERS = {"sv": "swedish", "da": "danish", "nb": "norwegian", "en": "english"}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def fold(text: str) -> str:
    """Case-fold; write Danish/Norwegian æ, ø as Swedish ä, ö; keep å, ä, ö (they tell
    "hår" from "har"); strip other diacritics (é, ü, ...).

    >>> fold("Bæredygtighed Økonomi Café")
    'bäredygtighed ökonomi cafe'
    """
    text = text.casefold().replace("æ", "ä").replace("ø", "ö")
    out = []
    for c in unicodedata.normalize("NFC", text):
        if c in "åäö":
            out.append(c)
        else:
            out.extend(
                ch for ch in unicodedata.normalize("NFKD", c) if not unicodedata.combining(ch)
            )
    return "".join(out)


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
    text = (
        resources.files("natverk.language").joinpath("data", "esco_skills.csv").read_text("utf-8")
    )
    for row in csv.DictReader(text.splitlines()):
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
    text = (
        resources.files("natverk.language").joinpath("data", "esco_skills.csv").read_text("utf-8")
    )
    return {r["id"]: (r["en"], r["sv"]) for r in csv.DictReader(text.splitlines())}


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
    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), min_df=1, sublinear_tf=True
    )
    matrix = vectorizer.fit_transform(corpus)
    a, b = matrix[: len(left)], matrix[len(left) :]
    return np.asarray((a @ b.T).toarray(), dtype=np.float64)
