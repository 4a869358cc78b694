"""Counters that stop floods of public form posts (HTTP 429 past the limit).

Fixed windows in Django's cache: ``cache.add`` then ``cache.incr`` is atomic in every
backend Django ships, so 50 parallel posts cannot all pass. The default local-memory
cache counts per process; a deployment with several web processes sets a shared cache
(``CACHES``) so that the limits hold across them.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

__all__ = ["allow", "client_key", "too_many"]


def _bucket(scope: str, key: str, window: int) -> str:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"natverk:ratelimit:{scope}:{digest}:{int(time.time()) // window}"


def allow(scope: str, key: str, *, limit: int, window: int = 3600, cost: int = 1) -> bool:
    """Count ``cost`` attempts for ``key`` in ``scope``; False when that goes over
    ``limit`` per ``window`` seconds."""
    if not key:
        return True
    bucket = _bucket(scope, key, window)
    cache.add(bucket, 0, timeout=window)
    try:
        count = cache.incr(bucket, cost)
    except ValueError:  # expired between add and incr
        cache.set(bucket, cost, timeout=window)
        count = cost
    return count <= limit


def client_key(request: HttpRequest) -> str:
    """The address the request came from (the proxy's when behind one)."""
    return str(request.META.get("REMOTE_ADDR", ""))


def too_many(request: HttpRequest) -> HttpResponse:
    """The readable page answered past a limit, with status 429."""
    return render(request, "ratelimited.html", status=429)
