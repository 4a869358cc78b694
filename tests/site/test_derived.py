"""The derived cache keeps nothing the database no longer holds: erasure empties it and
entries past the longest lifetime are deleted from disk."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from django.core.cache import caches

from natverk.accounts.demo import DemoWorld
from natverk.privacy.erasure import erase
from natverk.privacy.subjects import subject_for
from natverk.site import derived


def test_prune_deletes_only_entries_past_the_longest_lifetime() -> None:
    cache = caches["derived"]
    cache.set("natverk:test:old", "Anna Andersson", 60)
    cache.set("natverk:test:new", "Bo Berg", 60)
    old = Path(cache._key_to_file("natverk:test:old"))  # type: ignore[attr-defined]
    long_ago = time.time() - derived.LONGEST_SECONDS - 60
    os.utime(old, (long_ago, long_ago))
    assert derived.prune_expired() >= 1
    assert not old.exists()
    assert cache.get("natverk:test:new") == "Bo Berg"


def test_erasing_a_person_empties_the_derived_cache_after_commit(
    demo: DemoWorld,
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager[list[Any]]],
) -> None:
    caches["derived"].set("natverk:test:panel", f"<li>{demo.member.name}</li>", 60)
    with django_capture_on_commit_callbacks(execute=True):
        erase(subject_for(demo.member))
    # Other tests may write meanwhile (xdist): this test's own entry is what is checked.
    assert caches["derived"].get("natverk:test:panel") is None
