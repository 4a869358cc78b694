"""The access matrix's parts shared by the site-wide tests: every URL pattern, the rows
of tests/site/access/<app>.py, and a URL filled in from the world's objects."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.site.access as access_rows
from tests.site.access import Row, World

# Covered by their own tests: the Django admin (staff only) and the API (tests/accounts).
EXEMPT_PREFIXES = ("admin:", "api-")


def access_modules() -> list[Any]:
    return [
        importlib.import_module(f"tests.site.access.{m.name}")
        for m in pkgutil.iter_modules(access_rows.__path__)
    ]


def _rows() -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for module in access_modules():
        overlap = set(rows) & set(module.ROWS)
        assert not overlap, f"URL names listed twice: {overlap}"
        rows |= module.ROWS
    return rows


ROWS = _rows()


def _patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            namespace = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _patterns(p.url_patterns, namespace)
        elif p.name:
            yield prefix + p.name, p


PATTERNS = dict(_patterns(get_resolver().url_patterns))


def url_for(name: str, world: World) -> str:
    converters = getattr(PATTERNS[name].pattern, "converters", {})
    return reverse(name, kwargs={key: world.values[key] for key in converters})
