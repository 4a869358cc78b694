"""The REST API root (django-ninja): OpenAPI schema at /api/docs and /api/openapi.json."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

import natverk

api = NinjaAPI(title="natverk API", version=natverk.__version__)


class Health(Schema):
    status: str
    version: str


class Membership(Schema):
    organisation: str
    slug: str
    role: str


class Me(Schema):
    email: str
    name: str
    preferred_language: str
    memberships: list[Membership]


@api.get("/health", response=Health, auth=None)
def health(request: HttpRequest) -> Health:
    """Liveness check for load balancers."""
    return Health(status="ok", version=natverk.__version__)


@api.get("/me", response=Me, auth=django_auth)
def me(request: HttpRequest) -> Me:
    """The logged-in person and their organisations."""
    from natverk.accounts.models import User

    user = request.user
    assert isinstance(user, User)
    memberships = [
        Membership(organisation=m.organisation.name, slug=m.organisation.slug, role=m.role)
        for m in user.memberships.select_related("organisation").order_by("organisation__name")
    ]
    return Me(
        email=user.email,
        name=user.name,
        preferred_language=user.preferred_language,
        memberships=memberships,
    )
