"""Every change privacy makes goes through one of these named functions.

Requests are rows first: the page (or the CLI) records what was asked, the task queue
does the work (``run_export``, ``run_erasure``), so the same code serves the person, an
administrator answering a letter, and support staff on the command line.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from natverk.accounts.models import Membership, Organisation, Role, User
from natverk.outbox.actions import Mail, queue_mail
from natverk.privacy.audit import audit
from natverk.privacy.consent import publish_notice, record_consent
from natverk.privacy.erasure import erase
from natverk.privacy.export import build_export
from natverk.privacy.models import ConsentRecord, DataRequest, Notice, PrivacySettings
from natverk.privacy.registry import Subject
from natverk.privacy.subjects import for_organisation, subject_for, subject_for_email

EXPORT_DIR = "privacy/exports"


class PrivacyError(ValueError):
    """A request that cannot be made; the text says why."""


def _enqueue(task_name: str, request: DataRequest) -> None:
    """Queue the task; the queue lives in the same database, so it commits with the row."""
    from natverk.privacy import tasks

    getattr(tasks, task_name).enqueue(request.pk)


@transaction.atomic
def save_settings(organisation: Organisation, *, by: User, **fields: object) -> Notice | None:
    """Change who is responsible and how long data is kept; returns the new notice
    version when the notice changed (people are asked again)."""
    privacy, _created = PrivacySettings.objects.get_or_create(organisation=organisation)
    for name, value in fields.items():
        setattr(privacy, name, value)
    privacy.full_clean()
    privacy.save()
    audit("natverk.privacy.settings.changed", actor=by, organisation=organisation)
    notice = publish_notice(organisation, by=by)
    if notice is not None:
        audit(
            "natverk.privacy.notice.published",
            actor=by,
            organisation=organisation,
            version=notice.version,
        )
    return notice


@transaction.atomic
def agree_to_notices(user: User, notices: list[Notice]) -> int:
    """Record a logged-in person's agreement to new notice versions."""
    for notice in notices:
        record_consent(notice, email=user.email, user=user, context=ConsentRecord.Context.LOGIN)
    return len(notices)


@transaction.atomic
def request_export(user: User) -> DataRequest:
    """A person asks for their data (a running request is reused)."""
    running = DataRequest.objects.filter(
        subject=user,
        channel=DataRequest.Channel.SELF,
        kind=DataRequest.Kind.EXPORT,
        status__in=(DataRequest.Status.QUEUED, DataRequest.Status.RUNNING),
    ).first()
    if running is not None:
        return running
    request = DataRequest.objects.create(
        kind=DataRequest.Kind.EXPORT,
        subject=user,
        subject_email=user.email,
        requested_by=user,
        language=user.preferred_language,
    )
    _enqueue("build_export", request)
    return request


def _subject_in(organisation: Organisation, email: str) -> Subject:
    subject = for_organisation(subject_for_email(email), organisation.pk)
    if subject is None:
        raise PrivacyError(_("natverk holds nothing about this address in your organisation."))
    return subject


@transaction.atomic
def request_for_person(
    organisation: Organisation, *, email: str, kind: str, by: User, language: str = "sv"
) -> DataRequest:
    """An administrator records a request received by mail: an export starts at once,
    an erasure waits for confirmation on its page."""
    subject = _subject_in(organisation, email)
    if kind == DataRequest.Kind.ERASE and subject.user_id == by.pk:
        raise PrivacyError(_("Delete your own account under 'Your data'."))
    request = DataRequest.objects.create(
        kind=kind,
        status=DataRequest.Status.QUEUED
        if kind == DataRequest.Kind.EXPORT
        else DataRequest.Status.NEW,
        channel=DataRequest.Channel.ADMIN,
        subject_id=subject.user_id,
        subject_email=email.strip().lower(),
        organisation=organisation,
        requested_by=by,
        language=language,
    )
    if kind == DataRequest.Kind.EXPORT:
        _enqueue("build_export", request)
    return request


@transaction.atomic
def confirm_erasure(request: DataRequest, *, by: User) -> DataRequest:
    """Start an erasure an administrator has read the preview of."""
    if request.kind != DataRequest.Kind.ERASE or request.status != DataRequest.Status.NEW:
        raise PrivacyError(_("This request is not waiting for confirmation."))
    request.status = DataRequest.Status.QUEUED
    request.save(update_fields=["status"])
    _enqueue("erase_person", request)
    return request


def sole_admin_of(user: User) -> list[Organisation]:
    """Organisations with other members where the person is the only administrator."""
    found = []
    for membership in Membership.objects.filter(user=user, role=Role.ADMIN).select_related(
        "organisation"
    ):
        organisation = membership.organisation
        admins = organisation.memberships.filter(role=Role.ADMIN).count()
        if admins == 1 and organisation.memberships.count() > 1:
            found.append(organisation)
    return found


@transaction.atomic
def delete_own_account(user: User) -> DataRequest:
    """A person deletes their account: it stops working now, the erasure runs next."""
    blocking = sole_admin_of(user)
    if blocking:
        raise PrivacyError(
            _("Make someone else administrator of %(name)s first.") % {"name": blocking[0].name}
        )
    request = DataRequest.objects.create(
        kind=DataRequest.Kind.ERASE,
        subject=user,
        subject_email=user.email,
        requested_by=user,
        language=user.preferred_language,
    )
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["is_active", "password"])
    _enqueue("erase_person", request)
    return request


def support_request(email: str, kind: str, *, language: str = "en") -> DataRequest:
    """Support staff (the command line) ask for a whole person."""
    subject = subject_for_email(email)
    return DataRequest.objects.create(
        kind=kind,
        channel=DataRequest.Channel.SUPPORT,
        subject_id=subject.user_id,
        subject_email=email.strip().lower(),
        language=language,
    )


def subject_of(request: DataRequest) -> Subject:
    """The person a request is about, narrowed to the organisation that asks for it."""
    whole = (
        subject_for(request.subject)
        if request.subject is not None
        else subject_for_email(request.subject_email)
    )
    whole = Subject(whole.user_id, whole.emails | {request.subject_email.lower()} - {""})
    if request.organisation_id is None:
        return whole
    return for_organisation(whole, request.organisation_id) or whole


def _claim(request_id: int, kind: str) -> DataRequest | None:
    with transaction.atomic():
        request = (
            DataRequest.objects.select_for_update()
            .filter(pk=request_id, kind=kind, status=DataRequest.Status.QUEUED)
            .first()
        )
        if request is None:
            return None
        request.status = DataRequest.Status.RUNNING
        request.save(update_fields=["status"])
        return request


def _mail_export_ready(request: DataRequest, user: User) -> None:
    link = settings.NATVERK_SITE_URL.rstrip("/") + reverse(
        "privacy:export_status", kwargs={"export_id": request.pk}
    )
    with override(user.preferred_language):
        queue_mail(
            Mail(
                to=user.email,
                subject=_("Your data from natverk is ready"),
                body=_(
                    "The file with everything natverk holds about you is ready. Log in to "
                    "download it within %(days)d days:\n%(link)s"
                )
                % {"days": settings.NATVERK_EXPORT_DAYS, "link": link},
                kind="natverk.privacy.export.ready",
                language=user.preferred_language,
                key=f"natverk.privacy.export.ready:{request.pk}",
                user_id=user.pk,
            )
        )


def _failed(request_id: int, exc: Exception) -> None:
    """Mark a request failed; the error's kind only (messages may quote personal data)."""
    DataRequest.objects.filter(pk=request_id).update(
        status=DataRequest.Status.FAILED, error=type(exc).__name__, finished_at=timezone.now()
    )


def run_export(request_id: int) -> DataRequest | None:
    """Build a queued export (the task; the CLI calls it directly)."""
    request = _claim(request_id, DataRequest.Kind.EXPORT)
    if request is None:
        return None
    try:
        content, counts = build_export(subject_of(request), language=request.language)
        name = default_storage.save(
            f"{EXPORT_DIR}/{secrets.token_urlsafe(24)}.zip", ContentFile(content)
        )
        _finish_export(request, name, counts)
    except Exception as exc:
        _failed(request_id, exc)
        raise
    return request


@transaction.atomic
def _finish_export(request: DataRequest, name: str, counts: dict[str, int]) -> None:
    request.status = DataRequest.Status.DONE
    request.file_name = name
    request.finished_at = timezone.now()
    request.expires_at = request.finished_at + dt.timedelta(days=settings.NATVERK_EXPORT_DAYS)
    request.report = {"rows": counts}
    request.save(update_fields=["status", "file_name", "finished_at", "expires_at", "report"])
    audit(
        "natverk.privacy.person.exported",
        actor=request.requested_by,
        subject=request.subject,
        subject_email=request.subject_email,
        organisation=request.organisation,
        target=request,
    )
    if request.channel == DataRequest.Channel.SELF and request.subject is not None:
        _mail_export_ready(request, request.subject)


def run_erasure(request_id: int) -> DataRequest | None:
    """Erase the person of a queued request, all in one transaction (the task)."""
    try:
        with transaction.atomic():
            request = _claim(request_id, DataRequest.Kind.ERASE)
            if request is None:
                return None
            with override(request.language):
                report = erase(subject_of(request))
            request.refresh_from_db()
            request.status = DataRequest.Status.DONE
            request.finished_at = timezone.now()
            request.report = report.as_json()
            request.save(update_fields=["status", "finished_at", "report"])
            audit(
                "natverk.privacy.person.erased",
                actor=request.requested_by,
                organisation=request.organisation,
                target=request,
                channel=request.channel,
            )
    except Exception as exc:
        _failed(request_id, exc)
        raise
    return request


def expire_exports(now: dt.datetime | None = None) -> int:
    """Delete export files whose download period is over."""
    moment = now or timezone.now()
    expired = DataRequest.objects.filter(
        kind=DataRequest.Kind.EXPORT, status=DataRequest.Status.DONE, expires_at__lte=moment
    )
    count = 0
    for request in expired:
        delete_file(request.file_name)
        request.status = DataRequest.Status.EXPIRED
        request.file_name = ""
        request.save(update_fields=["status", "file_name"])
        count += 1
    return count


def delete_file(name: str) -> None:
    """Delete an export file (missing files are fine)."""
    if name and default_storage.exists(name):
        default_storage.delete(name)
