"""Security headers on every response: what the browser may load, run and share.

Django's SecurityMiddleware already sends X-Content-Type-Options (nosniff),
Referrer-Policy and Cross-Origin-Opener-Policy, and XFrameOptionsMiddleware sends
X-Frame-Options; this adds the Content-Security-Policy and the Permissions-Policy.
The policy allows scripts, styles and requests from natverk's own origin only: no
inline script or handler (htmx and natverk.js are static files, and htmx's eval is
switched off in base.html), no framing by other sites (frame-ancestors), no plugins.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
#: Powerful browser features natverk's pages never use.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and Permissions-Policy headers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
