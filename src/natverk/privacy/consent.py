"""The privacy notice (versioned per organisation) and the record of who agreed to it.

The application page and the invitation page show the notice with ``ConsentForm`` and
the ``privacy/_consent.html`` include; ``form.record(email=...)`` stores the agreement in
the same transaction as the application. A new version (the organisation changed who is
responsible, the contact, its own text or how long data is kept) is asked for again at
the next login or application.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from natverk.accounts.models import Organisation, User
from natverk.privacy.models import ConsentRecord, Notice, PrivacySettings
from natverk.privacy.registry import retention_rules

__all__ = [
    "ConsentForm",
    "NoticeRule",
    "current_notice",
    "has_agreed",
    "notice_rules",
    "pending_notices",
    "publish_notice",
    "record_consent",
    "settings_for",
]


def settings_for(organisation: Organisation) -> PrivacySettings:
    """The organisation's privacy settings (unsaved defaults when it has none yet)."""
    found = PrivacySettings.objects.filter(organisation=organisation).first()
    return found or PrivacySettings(organisation=organisation)


def months_for(privacy: PrivacySettings) -> dict[str, int]:
    """Months each retention rule keeps data for this organisation."""
    return {
        rule.name: int(privacy.retention.get(rule.name, rule.months)) for rule in retention_rules()
    }


def _draft(organisation: Organisation, privacy: PrivacySettings, version: int) -> Notice:
    return Notice(
        organisation=organisation,
        version=version,
        controller_name=privacy.controller_name or organisation.name,
        controller_contact=privacy.controller_contact,
        extra=privacy.notice_extra,
        retention=months_for(privacy),
    )


def current_notice(organisation: Organisation) -> Notice:
    """The latest published notice; before the first, the version 1 it will be."""
    latest = Notice.objects.filter(organisation=organisation).first()
    return latest or _draft(organisation, settings_for(organisation), 1)


def publish_notice(organisation: Organisation, *, by: User | None = None) -> Notice | None:
    """Publish a new version when the settings changed what the notice says."""
    privacy = settings_for(organisation)
    latest = Notice.objects.filter(organisation=organisation).first()
    number = (latest.version if latest else 0) + 1
    draft = _draft(organisation, privacy, number)
    if latest is not None and latest.content() == draft.content():
        return None
    draft.published_by = by
    draft.full_clean()
    draft.save()
    return draft


def _saved(notice: Notice) -> Notice:
    """A draft version 1 is published the first time someone agrees to it."""
    if not notice._state.adding:
        return notice
    try:
        with transaction.atomic():
            notice.save()
    except IntegrityError:  # another applicant published it at the same moment
        return Notice.objects.get(organisation=notice.organisation, version=notice.version)
    return notice


def record_consent(notice: Notice, *, email: str, user: User | None, context: str) -> ConsentRecord:
    """Record that a person agreed to this version of the notice."""
    record = ConsentRecord(
        notice=_saved(notice), email=email.strip().lower(), user=user, context=context
    )
    record.full_clean()
    record.save()
    return record


def has_agreed(user: User, notice: Notice) -> bool:
    """Whether the person agreed to this version."""
    return (
        not notice._state.adding and ConsentRecord.objects.filter(user=user, notice=notice).exists()
    )


def pending_notices(user: User) -> list[Notice]:
    """Newer versions of notices the person agreed to before: to be asked again."""
    agreed = ConsentRecord.objects.filter(user=user)
    organisations = agreed.values_list("notice__organisation", flat=True).distinct()
    newest = (
        Notice.objects.filter(organisation__in=organisations)
        .values("organisation")
        .annotate(top=Max("version"))
    )
    wanted = [
        Notice.objects.select_related("organisation").get(
            organisation=row["organisation"], version=row["top"]
        )
        for row in newest
    ]
    done = set(agreed.filter(notice__in=wanted).values_list("notice", flat=True))
    return [notice for notice in wanted if notice.pk not in done]


@dataclass(frozen=True)
class NoticeRule:
    """One line of "how long": what is removed, after how many months, after what."""

    label: Any
    months: int
    after: Any


def notice_rules(notice: Notice) -> list[NoticeRule]:
    """The notice's retention periods, in the reader's language."""
    return [
        NoticeRule(rule.label, int(notice.retention.get(rule.name, rule.months)), rule.after)
        for rule in retention_rules()
    ]


class ConsentForm(forms.Form):
    """The notice and an "I agree" box, for the application and invitation pages."""

    agree = forms.BooleanField(
        label=_("I have read the privacy notice and agree to it."),
        required=True,
        error_messages={"required": _("Please read the privacy notice and agree to it.")},
    )

    def __init__(
        self,
        data: Any = None,
        *,
        organisation: Organisation,
        user: User | None = None,
        context: str = ConsentRecord.Context.APPLICATION,
        prefix: str = "privacy",
    ) -> None:
        super().__init__(data, prefix=prefix)
        self.organisation = organisation
        self.user = user if user is not None and user.is_authenticated else None
        self.context = context
        self.notice = current_notice(organisation)
        self.rules = notice_rules(self.notice)
        self.agreed = self.user is not None and has_agreed(self.user, self.notice)
        if self.agreed:
            self.fields["agree"].required = False

    def record(self, *, email: str, user: User | None = None) -> ConsentRecord | None:
        """Store the agreement (call after ``is_valid``); None when agreed before."""
        person = user or self.user
        if self.agreed and person is not None and person.email.lower() == email.strip().lower():
            return None
        return record_consent(self.notice, email=email, user=person, context=self.context)
