"""Shared fixtures: the demo world that `make demo` loads is also the tests' world."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from natverk.accounts.demo import DemoWorld, load_demo


@pytest.fixture
def demo(db: None) -> DemoWorld:
    """The demo organisations and people (a smaller membership keeps tests fast)."""
    return load_demo(members=60)


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Rate-limit counters live in the cache; every test starts with none."""
    cache.clear()
