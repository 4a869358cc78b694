"""natverk: open-source platform for professional networking programs."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

__version__ = "0.1.0"


def numba_cache_dir(env: Mapping[str, str], package_writable: bool, uid: int) -> str | None:
    """Where numba should keep natverk's compiled kernels, or None to leave numba's own
    choice. Installed read-only (a system virtual environment) and run with a HOME that
    is not the user's own (``runuser --preserve-environment``), numba finds no writable
    place and refuses to load the kernels; the data directory, which natverk must be able
    to write anyway, or else a per-user temporary directory, is then used."""
    if env.get("NUMBA_CACHE_DIR") or package_writable:
        return None
    data = env.get("NATVERK_DATA_DIR")
    if data:
        return str(Path(data) / "cache" / "numba")
    return str(Path(tempfile.gettempdir()) / f"natverk-numba-{uid}")


_cache = numba_cache_dir(
    os.environ,
    os.access(Path(__file__).parent, os.W_OK),
    os.getuid() if hasattr(os, "getuid") else 0,
)
if _cache is not None:
    os.environ["NUMBA_CACHE_DIR"] = _cache  # read by numba when it is first imported
