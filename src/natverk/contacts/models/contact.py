"""A contact: a person the member keeps, with how the relationship is tended."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.core.validators import no_nul, single_line
from natverk.formats.contacts_base import ContactRecord, clean_email
from natverk.language import ascii_spelled, fold

#: Longest follow-up cadence, in days (two years).
MAX_CADENCE_DAYS = 730


def validate_list_of_text(value: object) -> None:
    """A JSON list of short one-line texts (e-mail addresses, phones, web addresses)."""
    if not isinstance(value, list) or len(value) > 20:
        raise ValidationError(_("Give at most 20 values."))
    for item in value:
        if not isinstance(item, str) or len(item) > 500:
            raise ValidationError(_("Each value must be a text of at most 500 characters."))
        single_line(item)


def validate_emails(value: object) -> None:
    """A list of e-mail addresses."""
    validate_list_of_text(value)
    assert isinstance(value, list)
    for item in value:
        if not clean_email(item):
            raise ValidationError(
                _("%(value)s is not an e-mail address."), params={"value": item[:80]}
            )


class Tag(models.Model):
    """A word a member files contacts under ("mentor", "Almedalen 2027")."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_tags"
    )
    name = models.CharField(_("tag"), max_length=40, validators=[single_line])
    key = models.CharField(max_length=40, editable=False)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ("key",)
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="one_tag_per_key")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        """Keep the case-folded key that makes tags unique per member."""
        self.key = self.name.casefold()
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Contact(models.Model):
    """A person in a member's own network; nobody but the member ever sees it."""

    class Status(models.TextChoices):
        NEW = "new", _("Not triaged yet")
        DEVELOP = "develop", _("Develop")
        KEEP_WARM = "keep_warm", _("Keep warm")
        WIND_DOWN = "wind_down", _("Wind down")
        NOT_NOW = "not_now", _("Not now")

    class Strength(models.IntegerChoices):
        UNKNOWN = 0, _("Not set")
        WEAK = 1, _("Acquaintance")
        MEDIUM = 2, _("Good contact")
        STRONG = 3, _("Close")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    given_name = models.CharField(
        _("given name"), max_length=200, blank=True, validators=[single_line]
    )
    family_name = models.CharField(
        _("family name"), max_length=200, blank=True, validators=[single_line]
    )
    emails = models.JSONField(
        _("e-mail addresses"), default=list, blank=True, validators=[validate_emails]
    )
    phones = models.JSONField(
        _("phone numbers"), default=list, blank=True, validators=[validate_list_of_text]
    )
    company = models.CharField(_("company"), max_length=300, blank=True, validators=[single_line])
    title = models.CharField(_("job title"), max_length=300, blank=True, validators=[single_line])
    linkedin_url = models.CharField(
        _("LinkedIn"), max_length=500, blank=True, validators=[single_line]
    )
    websites = models.JSONField(
        _("websites"), default=list, blank=True, validators=[validate_list_of_text]
    )
    birthday = models.DateField(_("birthday"), null=True, blank=True)
    met_on = models.DateField(_("met on"), null=True, blank=True)
    how_we_met = models.CharField(
        _("how we met"), max_length=300, blank=True, validators=[single_line]
    )
    notes = models.TextField(_("notes"), max_length=10_000, blank=True, validators=[no_nul])
    tags = models.ManyToManyField(Tag, blank=True, related_name="contacts")
    status = models.CharField(
        _("what to do"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    strength = models.PositiveSmallIntegerField(
        _("strength"), choices=Strength.choices, default=Strength.UNKNOWN
    )
    cadence_days = models.PositiveSmallIntegerField(
        _("follow up every (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CADENCE_DAYS)],
    )
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    next_step = models.CharField(
        _("next step"), max_length=300, blank=True, validators=[single_line]
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True, validators=[single_line])
    last_contact_on = models.DateField(_("last in touch"), null=True, blank=True)
    #: The fellow group member this contact was taken from (the link goes when they leave).
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    import_batch = models.ForeignKey(
        "contacts.ImportBatch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_contacts",
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ("name", "pk")
        indexes = [
            models.Index(fields=["owner", "name"], name="contact_owner_name"),
            models.Index(fields=["owner", "next_follow_up"], name="contact_owner_due"),
            models.Index(fields=["owner", "status"], name="contact_owner_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cadence_days__isnull=True)
                | models.Q(cadence_days__gte=1, cadence_days__lte=MAX_CADENCE_DAYS),
                name="contact_cadence_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        """Refresh the text that search looks in (also when only some fields are saved)."""
        self.search_text = search_text_of(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def record(self, tags: list[str] | None = None) -> ContactRecord:
        """The contact's card as the formats package writes it."""
        names = tags if tags is not None else [t.name for t in self.tags.all()]
        return ContactRecord(
            name=self.name,
            given_name=self.given_name,
            family_name=self.family_name,
            emails=tuple(self.emails),
            phones=tuple(self.phones),
            company=self.company,
            title=self.title,
            linkedin_url=self.linkedin_url,
            websites=tuple(self.websites),
            birthday=self.birthday,
            met_on=self.met_on,
            how_we_met=self.how_we_met,
            notes=self.notes,
            tags=tuple(names),
        )

    def is_due(self, today: dt.date) -> bool:
        """Whether a follow-up is due today or overdue."""
        return self.next_follow_up is not None and self.next_follow_up <= today


def search_fold(text: str) -> str:
    """Text as contact search compares it, stored text and query alike: natverk's one
    folded form with plain letters (``fold(text, plain=True)``: "Ørsted", "Örsted" and
    "orsted" are one word, so a Danish, Swedish or English keyboard finds the contact),
    whitespace collapsed."""
    return " ".join(fold(text, plain=True).split())


def search_spellings(text: str) -> tuple[str, ...]:
    """The folded text, and the same with ASCII spellings of æ, ø, å and ü as one letter
    when that differs ("Baek" finds "Bæk"; "el" still finds "Michael")."""
    folded = search_fold(text)
    spelled = ascii_spelled(folded)
    return (folded,) if spelled == folded else (folded, spelled)


def search_text_of(contact: Contact) -> str:
    """What a search matches: names, company, title, addresses, phones, how we met."""
    parts = [
        contact.name,
        contact.company,
        contact.title,
        contact.how_we_met,
        " ".join(contact.emails),
        " ".join(contact.phones),
        contact.linkedin_url,
    ]
    # one line per spelling: a query word (no whitespace) never spans the two
    return "\n".join(search_spellings(" ".join(p for p in parts if p)))
