"""Applications to a program and the leaders' pre-interview notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.accounts.fields import EmailAddressField
from natverk.core.validators import no_nul, single_line
from natverk.matching.applicant import Applicant
from natverk.programs.models.program import Program


class Application(models.Model):
    """One person's intake answers to a program."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("New")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("Waiting list")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Left the program")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="applications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    name = models.CharField(_("name"), max_length=150, validators=[single_line])
    email = EmailAddressField(_("e-mail"))
    profession = models.CharField(_("profession"), max_length=4, blank=True)
    industry = models.CharField(_("industry"), max_length=6, blank=True)
    employer = models.CharField(_("employer"), max_length=200, blank=True, validators=[single_line])
    region = models.CharField(_("region"), max_length=6, blank=True)
    seniority = models.CharField(_("seniority"), max_length=10, blank=True)
    languages = models.CharField(_("languages"), max_length=40, blank=True)
    hopes = models.TextField(_("what do you hope to get?"), max_length=2000, validators=[no_nul])
    offers = models.TextField(_("what can you contribute?"), max_length=2000, validators=[no_nul])
    availability = models.CharField(_("availability"), max_length=400, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(fields=["program", "email"], name="one_application_per_email")
        ]
        # Counts by status per program (the program list, the cohort) read only the index.
        indexes = [models.Index(fields=["program", "status"], name="application_program_status")]

    def __str__(self) -> str:
        return f"{self.name} ({self.program_id})"

    @property
    def erased(self) -> bool:
        """The person was erased (natverk.privacy): the row keeps a group's place only."""
        return not self.name

    def to_applicant(self) -> Applicant:
        """The plain intake record the matching core works on."""
        return Applicant(
            name=self.name,
            email=self.email,
            profession=self.profession,
            industry=self.industry,
            employer=self.employer,
            region=self.region,
            seniority=self.seniority,
            languages=tuple(c.strip() for c in self.languages.split(",") if c.strip()),
            hopes=self.hopes,
            offers=self.offers,
            availability=frozenset(s for s in self.availability.split(",") if s),
        )


class InterviewNote(models.Model):
    """A leader's pre-interview note: visible only to the program's leaders."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"), max_length=5000, validators=[no_nul])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"note {self.pk}"


class ApplicationFile(models.Model):
    """A forms export a leader uploaded, kept only until its columns are confirmed.

    The mapping page reads it again with the leader's choices; importing deletes it,
    and a file left unconfirmed is deleted with the next upload after a day.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="files")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=200, validators=[single_line])
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.filename} ({self.program_id})"
