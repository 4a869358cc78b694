"""Form widgets that stay fast with long lists.

Django renders every ``<option>`` of a select through its own template include; the
profile form's ~560 professions, industries and regions cost about 20 ms a page that
way. ``FastSelect`` writes the same HTML in Python from the choices (escaped, one
level of optgroups, the selected value kept), for well under a millisecond.
``ReadyChoices`` hands Django such a list as it is: otherwise every form built walks all
its pairs again to normalise them (2 % of the server's time under bench/load.py's mix).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString, mark_safe


class ReadyChoices(BaseChoiceIterator):
    """(value, label) pairs already in Django's normal form, which Django then takes as
    they are instead of normalising them for every form (and every deep copy)."""

    def __init__(self, choices: Iterable[tuple[Any, Any]]) -> None:
        self._choices = tuple(choices)

    def __iter__(self) -> Any:
        return iter(self._choices)

    def __len__(self) -> int:
        return len(self._choices)


def _options(choices: Iterable[tuple[Any, Any]], selected: set[str]) -> Iterable[str]:
    """The option tags; marks the first option of each selected value."""
    for value, label in choices:
        if isinstance(label, list | tuple):  # an optgroup: (group name, [(value, label), ...])
            inner = "".join(_options(label, selected))
            yield f'<optgroup label="{escape(str(value))}">{inner}</optgroup>'
            continue
        text = "" if value is None else str(value)
        mark = ""
        if text in selected:
            mark = " selected"
            selected.discard(text)  # like Django: only the first option with the value
        yield f'<option value="{escape(text)}"{mark}>{escape(str(label))}</option>'


def _render(
    widget: forms.Select, name: str, value: Any, attrs: dict[str, Any] | None
) -> SafeString:
    """The select of ``widget`` written in Python (``multiple`` for a SelectMultiple)."""
    selected = set(widget.format_value(value))
    final = widget.build_attrs(widget.attrs, attrs)
    attributes = flatatt({k: v for k, v in final.items() if v is not False})
    options = "".join(_options(widget.choices, selected))
    multiple = " multiple" if widget.allow_multiple_selected else ""
    # Every piece above is escaped: the name, attributes (flatatt), values and labels.
    return mark_safe(  # noqa: S308
        f'<select name="{escape(name)}"{multiple}{attributes}>{options}</select>'
    )


class FastSelect(forms.Select):
    """A single ``<select>`` rendered without a template per option."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        return _render(self, name, value, attrs)


class FastSelectMultiple(forms.SelectMultiple):
    """A ``<select multiple>`` rendered like :class:`FastSelect` (the program form's ~440
    professions it is for cost 25 ms a page through Django's option templates)."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        return _render(self, name, value, attrs)
