"""Organisations (tenants) and the roles people have in them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A member organisation, company or independent network leader's practice."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Member organisation")
        COMPANY = "company", _("Company")
        INDEPENDENT = "independent", _("Independent network leader")

    class Catalogue(models.TextChoices):
        PUBLIC = "public", _("Anyone with the link")
        MEMBERS = "members", _("Members of the organisation only")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True, max_length=60)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATION
    )
    country = models.CharField(_("country"), max_length=2, default="SE")
    min_report_size = models.PositiveSmallIntegerField(
        _("minimum reporting group size"),
        default=5,
        validators=[MinValueValidator(3)],
        help_text=_("Feedback is shown only aggregated over at least this many respondents."),
    )
    catalogue = models.CharField(
        _("who sees the catalogue"),
        max_length=10,
        choices=Catalogue.choices,
        default=Catalogue.MEMBERS,
        help_text=_("The list of open programs, with who they are for and how they work."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ("name",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_report_size__gte=3), name="organisation_min_report_size_3"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """What a person may do in an organisation."""

    ADMIN = "admin", _("Administrator")
    LEADER = "leader", _("Network leader")
    MEMBER = "member", _("Member")


class Membership(models.Model):
    """A person's role in one organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_org")
        ]
        # The newest members of an organisation (its start page) without a sort of all;
        # members and leaders counted from an index alone.
        indexes = [
            models.Index(fields=["organisation", "-created_at", "-id"], name="membership_newest"),
            models.Index(fields=["organisation", "role"], name="membership_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.organisation_id}:{self.role}"

    @property
    def leads(self) -> bool:
        """Whether this role may run programs (leaders and administrators)."""
        return self.role in (Role.ADMIN, Role.LEADER)
