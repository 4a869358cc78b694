"""A web process loads the matching libraries when it starts, and a failure to do so
never keeps the site from starting."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator

import pytest

from natverk.site import warm


@pytest.fixture(autouse=True)
def _unfreeze() -> Iterator[None]:
    """The test process keeps collecting what the warm-up froze."""
    yield
    gc.unfreeze()


def test_warm_up_builds_a_small_model() -> None:
    warm.warm_up()  # raises nothing, and the libraries are loaded afterwards
    import sys

    assert "sklearn.feature_extraction.text" in sys.modules
    from natverk.taxonomy import _industries, _occupations

    assert _occupations.cache_info().currsize == _industries.cache_info().currsize == 1


def test_a_failing_warm_up_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("no libraries today")

    monkeypatch.setattr(warm, "build_affinity", broken)
    with caplog.at_level(logging.ERROR, logger="natverk.site"):
        warm.warm_up()
    assert "warming up the matching libraries failed" in caplog.text


def test_warm_up_freezes_what_the_process_loaded() -> None:
    gc.unfreeze()
    warm.warm_up()
    assert gc.get_freeze_count() > 10_000  # Django, the app and the libraries
