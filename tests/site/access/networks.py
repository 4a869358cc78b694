"""Access rows of the networks app: a network and its reviews belong to the member who
keeps them; everyone else, leaders and administrators included, gets 404."""

from __future__ import annotations

from natverk.accounts.models import User
from natverk.networks import actions
from tests.site.access import LOGIN, Row, World, everyone, logged_in


def owner_only(status: int) -> dict[str, int]:
    """The member who keeps the network; 404 for everyone else, 302 to log in."""
    return everyone(404) | {"anonymous": LOGIN, "member": status}


def populate(world: World) -> None:
    """A network outside natverk of the demo member, reviewed once."""
    member = world.people["member"]
    assert isinstance(member, User)
    network = actions.add_network(
        member, kind="association", name="Sveriges Kommunikatörer", hours_per_month=2
    )
    actions.review_network(network, value=4, energy=1, gave="Ett föredrag", got="Två kontakter")
    world.values["network_id"] = network.pk


ROWS: dict[str, Row] = {
    "networks:list": Row("GET", logged_in(200)),
    "networks:add": Row("GET", logged_in(200)),
    "networks:settings": Row("POST", logged_in(302), data={"reminders": "1"}),
    "networks:edit": Row("GET", owner_only(200)),
    "networks:review": Row("GET", owner_only(200)),
    "networks:delete": Row("POST", owner_only(302), last=True),
}
