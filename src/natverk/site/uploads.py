"""The web side of file uploads: the size cap, checked before anything is parsed.

``NATVERK_MAX_IMPORT_BYTES`` (10 MiB by default) bounds every uploaded file.
``UploadLimitMiddleware`` answers 413 to a request whose declared body is larger than
that (plus room for the form's other fields) before Django reads the body, so an
oversized upload is never parsed or written to a temporary file. A view that accepts
a file takes it with ``received_file(request)``, which checks the file itself (present,
not empty, not over the cap) and raises ``UploadRejectedError``; the middleware turns that
into the same clean error page (400 or 413) unless the view catches it to show the
message in its own form. What is inside the file (formats, XLSX bombs) is checked by
the readers in ``natverk.formats``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

#: Room for the other fields of a multipart form beside the file (CSRF token, options).
FORM_OVERHEAD_BYTES = 64 * 1024


class UploadRejectedError(Exception):
    """An upload that natverk does not read; ``status`` is 400 or 413."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def max_upload_bytes() -> int:
    """The largest file accepted (NATVERK_MAX_IMPORT_BYTES)."""
    return int(settings.NATVERK_MAX_IMPORT_BYTES)


def _too_large() -> UploadRejectedError:
    limit = filesizeformat(max_upload_bytes())
    message = _("The file is too large: at most %(limit)s.") % {"limit": limit}
    return UploadRejectedError(413, message)


def declared_length(request: HttpRequest) -> int:
    """The body length the client declared (0 when missing or not a number)."""
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def received_file(request: HttpRequest, field: str = "file") -> UploadedFile:
    """The uploaded file of ``field``, checked for presence and size before any parsing
    of its content."""
    if declared_length(request) > max_upload_bytes() + FORM_OVERHEAD_BYTES:
        raise _too_large()
    upload = request.FILES.get(field)
    if upload is None:
        raise UploadRejectedError(400, _("Choose a file to upload."))
    if not upload.size:
        raise UploadRejectedError(400, _("The file is empty."))
    if upload.size > max_upload_bytes():
        raise _too_large()
    return upload


def rejection_page(request: HttpRequest, rejected: UploadRejectedError) -> HttpResponse:
    """The error page of a refused upload, with its status and a link back."""
    referer = request.META.get("HTTP_REFERER", "")
    same_site = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    context = {"message": rejected.message, "back": referer if same_site else reverse("home")}
    return render(request, "upload_rejected.html", context, status=rejected.status)


class UploadLimitMiddleware:
    """413 for bodies over the upload cap before they are read; the page for
    ``UploadRejectedError`` raised by views."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if declared_length(request) > max_upload_bytes() + FORM_OVERHEAD_BYTES:
            response = rejection_page(request, _too_large())
            response["Connection"] = "close"  # the unread body is not kept alive
            return response
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, UploadRejectedError):
            return rejection_page(request, exception)
        return None
