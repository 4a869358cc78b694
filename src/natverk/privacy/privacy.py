"""What privacy itself holds about a person, and the framework's tables that hold some.

Django's admin log and django-axes' login records are not natverk models, but they keep
addresses and names; they are registered here so that export and erasure reach them.
"""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from natverk.accounts.models import User
from natverk.privacy.erasure import blank_rows
from natverk.privacy.models import (
    AuditEntry,
    ConsentRecord,
    DataRequest,
    InactivityWarning,
    Notice,
    PrivacySettings,
    RetentionRun,
)
from natverk.privacy.registry import (
    ERASE_BLANK,
    ERASE_DELETE,
    PersonalData,
    Subject,
    register,
    register_none,
)


def _filter(model: type[models.Model], field: str, email_field: str = "") -> Any:
    """Rows linked to the person's account by ``field``, or by address in ``email_field``."""

    def rows(subject: Subject) -> models.QuerySet[Any]:
        query = Q(**{f"{field}_id": subject.user_id}) if subject.user_id is not None else Q()
        if email_field:
            query |= Q(**{f"{email_field}__in": sorted(subject.emails)})
        return model._default_manager.filter(query) if query else model._default_manager.none()

    return rows


def _shred_requests(rows: models.QuerySet[Any], subject: Subject) -> None:
    """Delete the person's export files, then blank the requests (the rows stay as a
    record that the requests were answered)."""
    from natverk.privacy.actions import delete_file

    names = [n for n in rows.values_list("file_name", flat=True) if n]

    def delete_files() -> None:
        for name in names:
            delete_file(name)

    transaction.on_commit(delete_files)
    blank_rows(_REQUESTS, rows, subject)


register(
    PersonalData(
        ConsentRecord,
        _filter(ConsentRecord, "user", "email"),
        fields=("notice__organisation__name", "notice__version", "email", "context", "agreed_at"),
        erase=ERASE_DELETE,
        scope="notice__organisation",
        label=_("consents"),
    )
)
_REQUESTS = register(
    PersonalData(
        DataRequest,
        _filter(DataRequest, "subject", "subject_email"),
        fields=(
            "kind",
            "status",
            "channel",
            "created_at",
            "finished_at",
            "subject_email",
            "language",
        ),
        keep=("kind", "status", "channel", "created_at", "finished_at"),
        erase=ERASE_BLANK,
        shred=_shred_requests,
        scope="organisation",
        kept=_(
            "That a request was made and answered, and when, stays as proof (without your "
            "name or address); export files are deleted."
        ),
        label=_("requests about your data"),
    )
)
register(
    PersonalData(
        AuditEntry,
        _filter(AuditEntry, "subject", "subject_email"),
        fields=("action", "created_at", "subject_email"),
        keep=("action", "created_at"),
        erase=ERASE_BLANK,
        scope="organisation",
        addresses=(),
        kept=_(
            "The audit log keeps who did what and when, for accountability; the link to you "
            "and your address are removed."
        ),
        label=_("audit log entries about you"),
    )
)
register(
    PersonalData(
        InactivityWarning,
        _filter(InactivityWarning, "user"),
        fields=("warned_at",),
        erase=ERASE_DELETE,
        label=_("warnings about inactivity"),
    )
)
register_none(PrivacySettings, "the organisation's own contact and retention settings")
register_none(Notice, "the organisation's published notice; its publisher is a link")
register_none(RetentionRun, "counts of removed rows per rule")


def _login_rows(model: type[models.Model]) -> Any:
    def rows(subject: Subject) -> models.QuerySet[Any]:
        query = Q()
        for email in sorted(subject.emails):
            query |= Q(username__iexact=email)
        return model._default_manager.filter(query) if query else model._default_manager.none()

    return rows


# axes keeps failure logs only when AXES_ENABLE_ACCESS_FAILURE_LOG is on.
_LOGIN_MODELS = [AccessAttempt, AccessLog]
if getattr(settings, "AXES_ENABLE_ACCESS_FAILURE_LOG", False):
    _LOGIN_MODELS.append(AccessFailureLog)
for _model in _LOGIN_MODELS:
    register(
        PersonalData(
            _model,
            _login_rows(_model),
            fields=("username", "ip_address", "user_agent", "attempt_time"),
            keep=("attempt_time",),
            erase=ERASE_DELETE,
            addresses=("username",),
            label=_("logins"),
        )
    )


def _admin_log(subject: Subject) -> models.QuerySet[Any]:
    if subject.user_id is None:
        return LogEntry.objects.none()
    # Entries about the person; entries by them (staff) go with their account.
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(subject.user_id)
    )


register(
    PersonalData(
        LogEntry,
        _admin_log,
        fields=("action_time", "object_repr", "change_message"),
        keep=("action_time",),
        erase=ERASE_DELETE,
        mentions=("object_repr", "change_message"),
        label=_("changes by support staff"),
    )
)
