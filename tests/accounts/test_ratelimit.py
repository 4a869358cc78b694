"""Rate limits count in the database: they hold across web processes and machines."""

from __future__ import annotations

import pytest
from django.utils import timezone

from natverk.accounts import ratelimit
from natverk.accounts.models import RateCounter

pytestmark = pytest.mark.django_db


def test_limit_lets_through_exactly_the_limit() -> None:
    answers = [ratelimit.allow("test.scope", "a@example.org", limit=3) for _ in range(5)]
    assert answers == [True, True, True, False, False]


def test_keys_and_scopes_are_counted_apart() -> None:
    for _ in range(3):
        ratelimit.allow("test.scope", "a@example.org", limit=3)
    assert ratelimit.allow("test.scope", "b@example.org", limit=3)
    assert ratelimit.allow("test.other", "a@example.org", limit=3)
    assert not ratelimit.allow("test.scope", "a@example.org", limit=3)


def test_counter_keeps_no_address_in_the_clear() -> None:
    ratelimit.allow("test.scope", "private.person@example.org", limit=3)
    assert "private" not in RateCounter.objects.get().bucket


def test_a_new_window_starts_from_zero_and_ended_ones_are_pruned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for _ in range(2):
        ratelimit.allow("test.scope", "a@example.org", limit=2, window=60)
    assert not ratelimit.allow("test.scope", "a@example.org", limit=2, window=60)
    monkeypatch.setattr(ratelimit, "_clock", lambda: 1_800_001_800.0 + 60)
    assert ratelimit.allow("test.scope", "a@example.org", limit=2, window=60)
    assert RateCounter.objects.count() == 2
    # The real clock is years before the pinned one: nothing has ended yet.
    assert ratelimit.prune() == 0
    RateCounter.objects.update(expires_at="2001-01-01T00:00:00Z")
    assert ratelimit.prune() == 2


def test_a_counter_made_by_another_process_in_between_is_counted_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Our first attempt of a window finds no row; another process makes it just before
    ours is created: the insert fails and our attempt is added to theirs."""
    bucket = ratelimit._bucket("test.scope", "a@example.org", 3600, ratelimit._clock())
    real = ratelimit._locked_counter
    calls: list[str] = []

    def not_yet_then_real(key: str) -> RateCounter | None:
        calls.append(key)
        if len(calls) == 1:  # the other process creates the row after our look
            RateCounter.objects.create(bucket=bucket, count=2, expires_at=timezone.now())
            return None
        return real(key)

    monkeypatch.setattr(ratelimit, "_locked_counter", not_yet_then_real)
    assert ratelimit.allow("test.scope", "a@example.org", limit=3)
    assert RateCounter.objects.get().count == 3
    assert not ratelimit.allow("test.scope", "a@example.org", limit=3)
