"""Counters that stop floods of public form posts (HTTP 429 past the limit).

Fixed windows counted in the database (``RateCounter``), so that a limit holds across
every web process of ``natverk serve`` and every machine against one database: each
attempt locks its window's row, adds itself and reads the count, so of 50 parallel posts
exactly the limit pass. Expired windows are deleted by a periodic job.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from natverk.accounts.models import RateCounter

__all__ = ["allow", "client_key", "prune", "too_many"]


def _clock() -> float:
    """Seconds since the epoch (tests pin it)."""
    return time.time()


def _bucket(scope: str, key: str, window: int, now: float) -> str:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"{scope}:{digest}:{int(now) // window}"


def allow(scope: str, key: str, *, limit: int, window: int = 3600, cost: int = 1) -> bool:
    """Count ``cost`` attempts for ``key`` in ``scope``; False when that goes over
    ``limit`` per ``window`` seconds."""
    if not key:
        return True
    now = _clock()
    bucket = _bucket(scope, key, window, now)
    ends = dt.datetime.fromtimestamp((int(now) // window + 1) * window, tz=dt.UTC)
    return _add(bucket, cost, ends) <= limit


def _add(bucket: str, cost: int, ends: dt.datetime) -> int:
    """Add ``cost`` to the window's counter and return its new count, one attempt at a
    time: the row is locked (PostgreSQL) or the database is (SQLite's immediate
    transactions), so every attempt sees exactly the attempts before it."""
    with transaction.atomic():
        counter = _locked_counter(bucket)
        if counter is None:
            try:
                with transaction.atomic():
                    RateCounter.objects.create(bucket=bucket, count=cost, expires_at=ends)
                return cost
            except IntegrityError:  # another process made it first: count on it
                counter = _locked_counter(bucket)
                assert counter is not None
        counter.count += cost
        counter.save(update_fields=["count"])
        return counter.count


def _locked_counter(bucket: str) -> RateCounter | None:
    return RateCounter.objects.select_for_update().filter(bucket=bucket).first()


def prune() -> int:
    """Delete the counters of windows that have ended."""
    deleted, _by_model = RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted


def client_key(request: HttpRequest) -> str:
    """The address the request came from (the proxy's when behind one)."""
    return str(request.META.get("REMOTE_ADDR", ""))


def too_many(request: HttpRequest) -> HttpResponse:
    """The readable page answered past a limit, with status 429."""
    return render(request, "ratelimited.html", status=429)
