"""The examples in the pure core's docstrings run and hold."""

import doctest
import importlib

import pytest

PURE_MODULES = [
    "natverk.schedule",
    "natverk.taxonomy",
    "natverk.formats.ical",
    "natverk.formats.webvtt",
    "natverk.insights.speakers",
    "natverk.cli.rooms",
    "natverk.formats.output",
    "natverk.formats.tables",
    "natverk.formats.text",
    "natverk.i18n",
    "natverk.cohorts",
    "natverk.language",
    "natverk.matching.affinity",
    "natverk.matching._mdgp",
    "natverk.matching.meetups",
    "natverk.matching.pairs",
    "natverk.formats.employees",
    "natverk.insights.mixing",
    "natverk.workforce",
]


@pytest.mark.parametrize("name", PURE_MODULES)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
