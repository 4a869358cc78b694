"""The derived cache culls at most once a minute per process, and still culls."""

from __future__ import annotations

from pathlib import Path

import pytest

from natverk.site import filecache
from natverk.site.filecache import DerivedFileCache


def _cache(tmp_path: Path, max_entries: int) -> DerivedFileCache:
    return DerivedFileCache(
        str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": max_entries, "CULL_FREQUENCY": 2}}
    )


def test_writes_within_a_minute_do_not_list_the_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = _cache(tmp_path, max_entries=1000)
    listed: list[int] = []
    real = DerivedFileCache._list_cache_files
    monkeypatch.setattr(
        DerivedFileCache, "_list_cache_files", lambda self: listed.append(1) or real(self)
    )
    for k in range(50):
        cache.set(f"k{k}", k)
    assert len(listed) == 1  # the first write of the process culls, the next 49 do not
    assert [cache.get(f"k{k}") for k in range(50)] == list(range(50))


def test_a_cull_after_a_minute_brings_the_cache_under_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = _cache(tmp_path, max_entries=10)
    for k in range(30):
        cache.set(f"k{k}", k)
    assert len(list(tmp_path.glob("*.djcache"))) == 30  # over, within the minute
    monkeypatch.setattr(filecache, "CULL_EVERY_SECONDS", 0.0)
    cache.set("one-more", 1)
    assert len(list(tmp_path.glob("*.djcache"))) < 30
