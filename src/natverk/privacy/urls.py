"""Privacy URLs: the person's own under /privacy/, administrators' under /o/<slug>/privacy/."""

from django.urls import path

from natverk.privacy.views import admin, notice, person

app_name = "privacy"

ORG = "o/<slug:slug>/privacy/"

urlpatterns = [
    path("privacy/", person.overview, name="mine"),
    path("privacy/export/", person.request_export, name="export"),
    path("privacy/exports/<int:export_id>/", person.export_status, name="export_status"),
    path(
        "privacy/exports/<int:export_id>/download/",
        person.export_download,
        name="export_download",
    ),
    path("privacy/delete/", person.delete_account, name="delete_account"),
    path("privacy/deleted/", person.deleted, name="deleted"),
    path("privacy/agree/", notice.agree, name="agree"),
    path(ORG + "notice/", notice.notice, name="notice"),
    path(ORG, admin.organisation_page, name="organisation"),
    path(ORG + "settings/", admin.save_settings, name="settings"),
    path(ORG + "retention/", admin.retention_preview, name="retention_preview"),
    path(ORG + "requests/", admin.new_request, name="new_request"),
    path(ORG + "requests/<int:request_id>/", admin.request_detail, name="request"),
    path(ORG + "requests/<int:erasure_id>/confirm/", admin.confirm_erasure, name="confirm_erasure"),
    path(
        ORG + "requests/<int:request_id>/download/",
        admin.request_download,
        name="request_download",
    ),
    path(ORG + "audit/", admin.audit_log, name="audit"),
]
