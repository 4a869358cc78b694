"""What the member's networks page shows: each network with its latest review, the advice
of the rules, whether a review is due this quarter, and the picture's points."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from natverk.accounts.models import User
from natverk.networks.models import Network, Review, quarter_of
from natverk.networks.picture import Bubble, Point, layout
from natverk.networks.suggestions import Reviewed, Rule, advice_label, suggest


@dataclass(frozen=True)
class Row:
    """One network as the page shows it."""

    network: Network
    latest: Review | None
    rule: Rule | None
    due: bool
    lang: str

    @property
    def advice(self) -> str:
        """The advice as words in the reader's language ("" before the first review)."""
        return advice_label(self.rule.advice, self.lang) if self.rule else ""

    @property
    def when(self) -> str:
        """When the advice's rule applies, in words."""
        return self.rule.says(self.lang)[0] if self.rule else ""

    @property
    def why(self) -> str:
        """What the advice means, in words."""
        return self.rule.says(self.lang)[1] if self.rule else ""


def overview(owner: User, lang: str, today: dt.date) -> list[Row]:
    """Every network of the member (taking part first), with its advice."""
    quarter = quarter_of(today)
    networks = list(Network.objects.filter(owner=owner).prefetch_related("reviews"))
    rows = []
    for network in networks:
        reviews = sorted(network.reviews.all(), key=lambda r: r.quarter, reverse=True)
        latest = reviews[0] if reviews else None
        rule = None
        if latest is not None:
            previous = reviews[1].value if len(reviews) > 1 else None
            hours = float(network.hours_per_month)
            rule = suggest(Reviewed(latest.value, latest.energy, hours, previous))
        due = network.status != Network.Status.LEFT and (latest is None or latest.quarter < quarter)
        rows.append(Row(network, latest, rule, due, lang))
    order = {Network.Status.ACTIVE: 0, Network.Status.PAUSED: 1, Network.Status.LEFT: 2}
    return sorted(
        rows, key=lambda row: (order[Network.Status(row.network.status)], row.network.name)
    )


def picture(rows: list[Row]) -> list[tuple[Bubble, Row]]:
    """The bubbles of the reviewed networks the member takes part in or paused, each with
    its row (the picture's titles read the review)."""
    drawn = [r for r in rows if r.latest is not None and r.network.status != Network.Status.LEFT]
    points = {
        Point(
            name=row.network.name,
            value=row.latest.value,
            energy=row.latest.energy,
            hours=float(row.network.hours_per_month),
            advice=row.rule.advice if row.rule else "keep",
            key=row.network.pk,
        ): row
        for row in drawn
        if row.latest is not None
    }
    return [(bubble, points[bubble.point]) for bubble in layout(list(points))]
