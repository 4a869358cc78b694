"""Topics, language detection and text similarity across sv, da, nb and en."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from natverk.language import detect_language, fold, text_similarity, topic_label, topics


@pytest.mark.parametrize(
    "text",
    [
        "kriskommunikation",
        "Jeg håber at lære om krisekommunikation",
        "crisis communication",
        "Vill bli bättre på kriskommunikationen",
        "krisekommunikasjon",
    ],
)
def test_crisis_communication_is_one_topic_in_four_languages(text: str) -> None:
    assert "crisis-communication" in topics(text)


def test_multiword_phrase_wins_over_its_last_word() -> None:
    assert topics("crisis communication") == frozenset({"crisis-communication"})


def test_stop_words_do_not_match_skills() -> None:
    assert topics("Har arbetat med offentlig upphandling") >= {"procurement"}
    assert all(topic_label(t, "sv") != "hår" for t in topics("Har arbetat med det"))


def test_esco_skills_add_topics_in_swedish_and_english() -> None:
    sv = topics("upphandlingslagstiftning")
    en = topics("procurement legislation")
    assert sv and sv == en
    assert topic_label(next(iter(sv)), "sv") == "upphandlingslagstiftning"


def test_topic_labels_in_three_languages() -> None:
    assert topic_label("leadership", "sv") == "ledarskap"
    assert topic_label("leadership", "da") == "ledelse"
    assert topic_label("leadership", "en") == "leadership"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Jag hoppas lära mig mer om ledarskap och förhandling", "sv"),
        ("Jeg håber at lære mere om ledelse og forhandling", "da"),
        ("I hope to learn more about leadership and negotiation", "en"),
    ],
)
def test_detect_language_of_short_answers(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_fold_keeps_swedish_letters_and_maps_danish_ones() -> None:
    assert fold("Hår HAR Bæredygtig Ørsted") == "hår har bäredygtig örsted"


def test_plain_fold_forgives_a_keyboard_without_nordic_letters() -> None:
    assert fold("Ørsted Örsted orsted Åsa", plain=True) == "orsted orsted orsted asa"
    folded = fold("Þóra Guðmundsdóttir Łódź Straße", plain=True)
    assert folded == "thora gudmundsdottir lodz strasse"


def test_text_similarity_prefers_related_wording() -> None:
    sim = text_similarity(["dataanalys och statistik"], ["statistik och dataanalyser", "hästar"])
    assert sim.shape == (1, 2) and sim[0, 0] > sim[0, 1]


@given(st.text(max_size=200))
def test_topics_never_fail_on_any_text(text: str) -> None:
    assert isinstance(topics(text), frozenset)


def _fold_letter_by_letter(text: str, *, plain: bool = False) -> str:
    """The rule of `fold` written plainly: every letter on its own (the reference)."""
    import unicodedata

    from natverk.language import _NORDIC, _PLAIN

    out = []
    for c in unicodedata.normalize("NFC", text.casefold().translate(_NORDIC)):
        if c in "åäö":
            out.append(c)
        else:
            out.extend(
                ch for ch in unicodedata.normalize("NFKD", c) if not unicodedata.combining(ch)
            )
    folded = "".join(out)
    return folded.translate(_PLAIN) if plain else folded


@given(st.text(), st.booleans())
def test_fold_equals_the_letter_by_letter_rule(text: str, plain: bool) -> None:
    assert fold(text, plain=plain) == _fold_letter_by_letter(text, plain=plain)


@pytest.mark.parametrize(
    "text",
    ["Ærø Ålborg Øster", "Ĳssel ǅemal ﬁnans", "e\u0301cole A\u030angström", "Straße Łódź Þór"],
)
def test_fold_equals_the_letter_by_letter_rule_on_hard_letters(text: str) -> None:
    assert fold(text) == _fold_letter_by_letter(text)
    assert fold(text, plain=True) == _fold_letter_by_letter(text, plain=True)
