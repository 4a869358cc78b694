"""The demo member's networks: the running natverk program (filled in from their place),
an association and a LinkedIn group, each reviewed this quarter."""

from __future__ import annotations

from django.db import transaction

from natverk.accounts.models import User
from natverk.networks import actions
from natverk.networks.models import Network

_OUTSIDE = (
    (
        "association",
        "Sveriges Kommunikatörer, Stockholmskretsen",
        "Hålla mig uppdaterad om yrket och träffa kollegor utanför jobbet.",
        "3",
        "1 250 kr om året",
        (4, 1, "Höll i ett frukostseminarium.", "Två nya kontakter inom energi."),
    ),
    (
        "linkedin",
        "Intern kommunikation Norden (LinkedIn)",
        "Tips och inspiration.",
        "2",
        "",
        (2, -1, "Inget den här gången.", "Mest reklam och samma diskussioner."),
    ),
)


@transaction.atomic
def load_demo_networks(member: User) -> int:
    """Give the demo member their networks and reviews (once); returns how many added."""
    actions.sync_natverk_networks(member)
    if Network.objects.filter(owner=member).exclude(kind=Network.Kind.NATVERK).exists():
        return 0
    for kind, name, purpose, hours, cost, (value, energy, gave, got) in _OUTSIDE:
        network = actions.add_network(
            member, kind=kind, name=name, purpose=purpose, hours_per_month=hours, cost=cost
        )
        actions.review_network(network, value=value, energy=energy, gave=gave, got=got)
    inside = Network.objects.filter(owner=member, kind=Network.Kind.NATVERK).first()
    if inside is not None:
        actions.review_network(
            inside,
            value=5,
            energy=2,
            gave="Delade vår mall för förhandsbesked.",
            got="Råd i ett krisläge.",
        )
    return len(_OUTSIDE)
