"""The only way to load a member's network: their own, or 404 (leaders and
administrators included)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from natverk.accounts.models import User
from natverk.networks.models import Network


def get_network_for(user: User | AnonymousUser, network_id: int) -> Network:
    """One of the person's own networks, or 404."""
    if not isinstance(user, User):
        raise Http404
    network = Network.objects.filter(pk=network_id, owner=user).first()
    if network is None:
        raise Http404
    return network
