"""natverk's package start: numba's kernel cache gets a writable home when the package is
installed read-only (docs/deploy.md runs natverk as its own user from /opt/natverk)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from natverk import numba_cache_dir


def test_a_writable_package_leaves_numba_its_own_choice() -> None:
    assert numba_cache_dir({"NATVERK_DATA_DIR": "/srv/natverk"}, True, 1000) is None


def test_a_cache_directory_set_by_the_user_is_kept() -> None:
    env = {"NUMBA_CACHE_DIR": "/var/cache/numba", "NATVERK_DATA_DIR": "/srv/natverk"}
    assert numba_cache_dir(env, False, 1000) is None


def test_a_read_only_install_caches_kernels_in_the_data_directory() -> None:
    got = numba_cache_dir({"NATVERK_DATA_DIR": "/srv/natverk"}, False, 1000)
    assert got == str(Path("/srv/natverk/cache/numba"))


def test_without_a_data_directory_each_user_gets_a_temporary_cache() -> None:
    one = numba_cache_dir({}, False, 1000)
    other = numba_cache_dir({}, False, 1001)
    assert one is not None and other is not None
    assert one.endswith("natverk-numba-1000") and one != other


def test_importing_natverk_sets_numba_cache_dir_only_when_needed(tmp_path: Path) -> None:
    """In a fresh interpreter: a writable checkout (these tests) leaves it unset."""
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env["NATVERK_DATA_DIR"] = str(tmp_path)
    code = "import os, natverk; print(os.environ.get('NUMBA_CACHE_DIR', '-'))"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "-"
