"""The only ways to load tenant-owned objects: each checks who may see what.

Anything a person may not see answers 404, never 403, so that nobody can learn that
another organisation's object exists (pretix, Zulip). Views call these functions;
they never query Organisation or Membership directly.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest

from natverk.accounts.models import Invitation, Membership, Organisation, Role, User


def membership_for(user: User | AnonymousUser, organisation_slug: str) -> Membership:
    """The person's membership in the organisation, or 404."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user=user, organisation__slug=organisation_slug)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def get_organisation_for(user: User | AnonymousUser, organisation_slug: str) -> Organisation:
    """An organisation the person belongs to, or 404."""
    return membership_for(user, organisation_slug).organisation


def get_led_organisation_for(user: User | AnonymousUser, organisation_slug: str) -> Membership:
    """The membership of a leader or administrator of the organisation, or 404."""
    membership = membership_for(user, organisation_slug)
    if membership.role not in (Role.ADMIN, Role.LEADER):
        raise Http404
    return membership


def get_administered_organisation_for(
    user: User | AnonymousUser, organisation_slug: str
) -> Membership:
    """The membership of an administrator of the organisation, or 404."""
    membership = membership_for(user, organisation_slug)
    if membership.role != Role.ADMIN:
        raise Http404
    return membership


def get_membership_in(organisation: Organisation, membership_id: int) -> Membership:
    """A membership of this organisation, or 404."""
    membership = (
        Membership.objects.select_related("user")
        .filter(pk=membership_id, organisation=organisation)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def get_invitation_in(organisation: Organisation, invitation_id: int) -> Invitation:
    """An invitation of this organisation, or 404."""
    invitation = Invitation.objects.filter(pk=invitation_id, organisation=organisation).first()
    if invitation is None:
        raise Http404
    return invitation


def memberships_of(user: User) -> list[Membership]:
    """The person's memberships, by organisation name."""
    return list(
        Membership.objects.select_related("organisation")
        .filter(user=user)
        .order_by("organisation__name")
    )


def current_user(request: HttpRequest) -> User:
    """The logged-in person of a request (views behind ``login_required``)."""
    user = request.user
    assert isinstance(user, User)
    return user
