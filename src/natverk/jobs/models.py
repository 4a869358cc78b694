"""When each periodic job last ran and runs next."""

from __future__ import annotations

from django.db import models


class PeriodicJob(models.Model):
    """One periodic job's schedule; the row is locked while a worker enqueues it."""

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)
    runs = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name
