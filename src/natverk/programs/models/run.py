"""A matching run: one solve of a program's grouping, kept as a record."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.programs.models.program import Program


class MatchingRun(models.Model):
    """Parameters, seed, progress, score and bound of one solve; never overwritten."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        INTERRUPTED = "interrupted", _("Interrupted")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    seed = models.PositiveIntegerField()
    time_limit = models.FloatField(default=10.0)
    params = models.JSONField(default=dict)
    progress = models.FloatField(default=0.0)
    objective = models.FloatField(null=True, blank=True)
    upper_bound = models.FloatField(null=True, blank=True)
    result = models.JSONField(default=list, blank=True)  # application ids per group
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The worker writes this while it searches; a run whose heartbeat stops was interrupted.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the run's groups became the program's working groups (None: a draft).
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-number",)
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="one_run_number_per_program")
        ]

    def __str__(self) -> str:
        return f"run {self.number} of {self.program_id}"

    @property
    def active(self) -> bool:
        """Queued or searching."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def hopes_percent(self) -> float | None:
        """Of the members with a hope someone in the cohort meets, the share (per cent)
        whose hope is met in their group; None for runs without that record."""
        hoping, met = self.params.get("hoping"), self.params.get("hopes_met")
        if not isinstance(hoping, int) or not isinstance(met, int) or hoping == 0:
            return None
        return 100.0 * met / hoping

    @property
    def gap_percent(self) -> float | None:
        """How far the score is from the best possible, in per cent."""
        if self.objective is None or not self.upper_bound:
            return None
        return 100.0 * (self.upper_bound - self.objective) / abs(self.upper_bound)
