"""The site's URLs plus one view that accepts a file through the upload guard."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from natverk.site.uploads import received_file
from natverk.site.urls import urlpatterns as site_urlpatterns

calls: list[str] = []


@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    """Reads nothing but the guard's verdict; records that it ran."""
    calls.append("upload")
    received = received_file(request)
    return HttpResponse(f"{received.name}:{received.size}")


urlpatterns = [path("test-upload/", upload, name="test_upload"), *site_urlpatterns]
