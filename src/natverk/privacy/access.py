"""The only ways to load privacy objects; 404 for anyone who may not see them."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from natverk.accounts.access import membership_for
from natverk.accounts.models import Membership, Organisation, Role, User
from natverk.privacy.models import DataRequest


def admin_membership_for(user: User | AnonymousUser, slug: str) -> Membership:
    """The person's administrator membership of the organisation, or 404."""
    membership = membership_for(user, slug)
    if membership.role != Role.ADMIN:
        raise Http404
    return membership


def get_own_export(user: User | AnonymousUser, export_id: int) -> DataRequest:
    """An export the person asked for about themselves, or 404."""
    if not isinstance(user, User):
        raise Http404
    request = DataRequest.objects.filter(
        pk=export_id,
        kind=DataRequest.Kind.EXPORT,
        channel=DataRequest.Channel.SELF,
        requested_by=user,
    ).first()
    if request is None:
        raise Http404
    return request


def get_request_for_admin(
    user: User | AnonymousUser, slug: str, request_id: int, *, kind: str | None = None
) -> DataRequest:
    """A request recorded by the organisation's administrators, or 404."""
    organisation = admin_membership_for(user, slug).organisation
    requests = DataRequest.objects.filter(pk=request_id, organisation=organisation)
    if kind is not None:
        requests = requests.filter(kind=kind)
    request = requests.first()
    if request is None:
        raise Http404
    return request


def get_public_organisation(slug: str) -> Organisation:
    """An organisation by its short name, for its public privacy notice, or 404."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation
