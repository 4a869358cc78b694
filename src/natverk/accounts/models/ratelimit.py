"""Counters of attempts per window, shared by every web process and machine."""

from __future__ import annotations

from django.db import models


class RateCounter(models.Model):
    """Attempts counted in one fixed window of one limit, under a digest of the key."""

    bucket = models.CharField(max_length=120, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.bucket}: {self.count}"
