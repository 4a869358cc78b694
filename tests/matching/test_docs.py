"""The examples in natverk.matching's docstrings run and hold."""

import doctest
import importlib

import pytest

MODULES = [
    "natverk.matching.problem",
    "natverk.matching.grouping",
    "natverk.matching.editor",
    "natverk.matching.bounds",
]


@pytest.mark.parametrize("name", MODULES)
def test_matching_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
