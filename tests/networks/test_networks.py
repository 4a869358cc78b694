"""My networks: natverk programs filled in from the member's places, outside networks
added by hand, the quarterly review, the advice and the picture; only the owner sees them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from natverk.accounts.demo import DemoWorld
from natverk.meetings.demo.space import load_demo_group_space
from natverk.networks import actions
from natverk.networks.models import Network, Review, quarter_of
from natverk.programs import intake, space
from natverk.programs.models import Application, Program


@pytest.fixture
def running(demo: DemoWorld) -> Program:
    """The demo's running program, with the demo member in group 1."""
    return load_demo_group_space(demo)


def test_natverk_programs_are_filled_in_from_places_and_follow_pause_and_leave(
    demo: DemoWorld, running: Program
) -> None:
    member = demo.member
    assert actions.sync_natverk_networks(member) == 1
    assert actions.sync_natverk_networks(member) == 0  # idempotent
    network = Network.objects.get(owner=member, kind=Network.Kind.NATVERK)
    assert network.name == running.title and network.status == Network.Status.ACTIVE
    # Six meetings of 90 minutes over 16 weeks: 9 hours over about 3.7 months.
    assert network.hours_per_month == Decimal("2.4")
    assert "Tre kontakter i andra branscher" in network.purpose  # the member's goals
    application = Application.objects.get(program=running, user=member)
    participation = intake.participation_of(application)
    space.pause(participation)
    actions.sync_natverk_networks(member)
    network.refresh_from_db()
    assert network.status == Network.Status.PAUSED
    space.resume(participation)
    space.leave(participation, "Ny tjänst")
    actions.sync_natverk_networks(member)
    network.refresh_from_db()
    assert network.status == Network.Status.LEFT


def test_outside_networks_are_added_changed_and_removed_but_natverk_ones_only_change(
    demo: DemoWorld, running: Program
) -> None:
    member = demo.member
    outside = actions.add_network(member, kind="alumni", name="KTH Alumni", hours_per_month=1)
    actions.update_network(outside, name="KTH Alumni Stockholm", cost="Gratis")
    outside.refresh_from_db()
    assert (outside.name, outside.cost) == ("KTH Alumni Stockholm", "Gratis")
    actions.sync_natverk_networks(member)
    inside = Network.objects.get(owner=member, kind=Network.Kind.NATVERK)
    actions.update_network(inside, name="Nytt namn", purpose="Lära mig kris", status="left")
    inside.refresh_from_db()
    assert inside.name == running.title and inside.purpose == "Lära mig kris"
    assert inside.status == Network.Status.ACTIVE  # follows the program
    with pytest.raises(actions.NetworkError):
        actions.delete_network(inside)
    with pytest.raises(actions.NetworkError):
        actions.add_network(member, kind="natverk", name="Fusk")
    actions.delete_network(outside)
    assert not Network.objects.filter(pk=outside.pk).exists()


def test_a_second_review_in_a_quarter_replaces_the_first(demo: DemoWorld) -> None:
    network = actions.add_network(demo.member, kind="linkedin", name="Gruppen")
    actions.review_network(network, value=2, energy=-1, gave="", got="Lite")
    actions.review_network(network, value=3, energy=0, gave="Ett inlägg", got="Svar")
    [review] = Review.objects.filter(network=network)
    assert (review.value, review.energy, review.quarter) == (
        3,
        0,
        quarter_of(timezone.localdate()),
    )


def test_quarters() -> None:
    assert quarter_of(dt.date(2027, 1, 1)) == "2027-Q1"
    assert quarter_of(dt.date(2027, 6, 30)) == "2027-Q2"
    assert quarter_of(dt.date(2027, 12, 31)) == "2027-Q4"


def _post(client: Client, name: str, data: dict[str, str]) -> str:
    response = client.post(reverse(name), data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_picture_the_table_and_the_advice(demo: DemoWorld) -> None:
    client = Client()
    client.force_login(demo.member)
    _post(
        client,
        "networks:add",
        {"kind": "association", "name": "Kommunikatörsföreningen", "hours_per_month": "4"},
    )
    _post(
        client, "networks:add", {"kind": "linkedin", "name": "PR-gruppen", "hours_per_month": "1"}
    )
    [association, group] = Network.objects.filter(owner=demo.member).order_by("name")
    for network, value, energy in ((association, "5", "2"), (group, "1", "-2")):
        url = reverse("networks:review", args=[network.pk])
        response = client.post(url, {"value": value, "energy": energy, "gave": "x", "got": "y"})
        assert response.status_code == 302
    page = client.get(reverse("networks:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'role="img"' in page and '<desc id="picture-desc">' in page
    assert len(re.findall(r'<g class="bubble advice-(\w+)">', page)) == 2
    assert '<g class="bubble advice-invest">' in page and '<g class="bubble advice-leave">' in page
    assert "Kommunikatörsföreningen: value 5 of 5" in page  # the bubble's title
    assert '<th scope="row" role="rowheader">PR-gruppen</th>' in page  # the table view
    assert "Invest more." in page and "Leave." in page
    assert "How the advice is given" in page


def test_nobody_else_sees_or_changes_a_members_network(demo: DemoWorld) -> None:
    network = actions.add_network(demo.member, kind="other", name="Privat")
    client = Client()
    client.force_login(demo.leader)
    for name in ("networks:edit", "networks:review"):
        assert client.get(reverse(name, args=[network.pk])).status_code == 404
    assert client.post(reverse("networks:delete", args=[network.pk])).status_code == 404
    assert "Privat" not in client.get(reverse("networks:list")).content.decode()
    assert Network.objects.filter(pk=network.pk).exists()
