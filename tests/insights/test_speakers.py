"""Transcript speakers are matched to members by name in natverk's folded form."""

from __future__ import annotations

from natverk.insights.speakers import match_speakers, name_key


def test_a_name_key_is_the_plain_folded_name_with_its_words_sorted() -> None:
    assert name_key("Ørsted, Søren (Gæst)") == "orsted soren"
    assert name_key("Søren Ørsted") == name_key("Sören Örsted") == name_key("soren orsted")
    assert name_key("Þóra Guðmundsdóttir") == "gudmundsdottir thora"


def test_speakers_typed_on_any_keyboard_find_their_member() -> None:
    members = ["Søren Ørsted", "Åsa Lind", "Anna Berg"]
    found = match_speakers(["Soren Orsted", "ÅSA LIND (SL)", "Someone Else"], members)
    assert found == {"Soren Orsted": 0, "ÅSA LIND (SL)": 1, "Someone Else": None}
