"""Shared fixtures: the demo world that `make demo` loads is also the tests' world."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.utils import translation
from hypothesis import settings

from natverk.accounts import ratelimit
from natverk.accounts.demo import DemoWorld, load_demo

# No per-example deadline: speed is measured by bench/, and on a shared machine a
# deadline fails correct code. Examples and shrinking stay as each test sets them.
settings.register_profile("natverk", deadline=None)
settings.load_profile("natverk")


@pytest.fixture
def demo(db: None) -> DemoWorld:
    """The demo organisations and people (a smaller membership keeps tests fast)."""
    return load_demo(members=60)


_DATABASE_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "live_server"}
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that touches the database, so that `make test` can run exactly
    those again on PostgreSQL (`-m database`); new apps' tests are included by themselves."""
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        if uses & _DATABASE_FIXTURES or item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.database)


@pytest.fixture(autouse=True)
def _the_default_language_after_each_test() -> Iterator[None]:
    """A request in Danish activates Danish for the thread and Django leaves it active
    after the response; without this, a later test's messages came out in Danish."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_caches_and_a_still_rate_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with an empty process cache, and its rate-limit window does
    not end half-way through the test (windows are fixed hours of the clock)."""
    cache.clear()
    monkeypatch.setattr(ratelimit, "_clock", lambda: 1_800_001_800.0)
