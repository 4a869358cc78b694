"""FastSelect writes the same select as Django's Select, without a template per option."""

from __future__ import annotations

import re

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from natverk.site.widgets import FastSelect, FastSelectMultiple, ReadyChoices

CHOICES = [
    ("", "—"),
    ("2432", "Kommunikatör (2432)"),
    ("35.11", 'Produktion av el & "grön" <el>'),
    ("Grupp", [("a", "Ett"), ("b", "Två")]),
]


def _options(html: str) -> list[tuple[str, str, bool]]:
    found = re.findall(r'<option value="([^"]*)"([^>]*)>([^<]*)</option>', html)
    return [(value, label, "selected" in extra) for value, extra, label in found]


def test_fast_select_renders_the_options_of_django_select() -> None:
    for value in ("", "35.11", "b", None):
        fast = FastSelect(choices=CHOICES).render("industry", value, {"id": "id_industry"})
        slow = forms.Select(choices=CHOICES).render("industry", value, {"id": "id_industry"})
        assert _options(fast) == _options(slow)
        assert fast.startswith('<select name="industry" id="id_industry">')
        assert '<optgroup label="Grupp">' in fast


def test_fast_select_escapes_values_and_labels() -> None:
    html = FastSelect(choices=CHOICES).render("x", "35.11")
    assert "&quot;grön&quot; &lt;el&gt;" in html and "<el>" not in html
    assert '<option value="35.11" selected>' in html


@given(st.lists(st.tuples(st.text(max_size=8), st.text(max_size=12)), max_size=6), st.text())
def test_fast_select_matches_django_for_any_text(
    choices: list[tuple[str, str]], value: str
) -> None:
    fast = FastSelect(choices=choices).render("f", value)
    slow = forms.Select(choices=choices).render("f", value)
    assert _options(fast) == _options(slow)


def test_fast_select_multiple_renders_the_options_of_django_select_multiple() -> None:
    for value in ([], ["2432"], ["2432", "b"]):
        fast = FastSelectMultiple(choices=CHOICES).render("p", value, {"id": "id_p", "size": 6})
        slow = forms.SelectMultiple(choices=CHOICES).render("p", value, {"id": "id_p", "size": 6})
        assert _options(fast) == _options(slow)
        assert fast.startswith('<select name="p" multiple id="id_p" size="6">')


def test_ready_choices_render_and_validate_like_a_list_without_being_walked_again() -> None:
    ready = ReadyChoices(CHOICES)
    field = forms.ChoiceField(choices=ready, widget=FastSelect)
    assert field.choices is ready and field.widget.choices is ready  # taken as they are
    assert field.clean("35.11") == "35.11" and field.clean("b") == "b"
    with pytest.raises(forms.ValidationError):
        field.clean("9999")
    html = FastSelect(choices=ready).render("industry", "b", {})
    assert _options(html) == _options(FastSelect(choices=CHOICES).render("industry", "b", {}))
    assert len(ready) == len(CHOICES)
