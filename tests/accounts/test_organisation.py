"""Organisation administration in the product: members list, roles, removing a member."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from natverk.accounts.demo import DEMO_SLUG, OTHER_SLUG, DemoWorld
from natverk.accounts.models import Membership, Role

MEMBERS = reverse("accounts:members", args=[DEMO_SLUG])


def _someone(demo: DemoWorld) -> Membership:
    membership = (
        Membership.objects.select_related("user")
        .filter(organisation=demo.organisation, role=Role.MEMBER)
        .exclude(user=demo.member)
        .order_by("user__name")
        .first()
    )
    assert membership is not None
    return membership


def test_the_members_list_searches_filters_and_pages(client: Client, demo: DemoWorld) -> None:
    client.force_login(demo.leader)
    page = client.get(MEMBERS)
    assert page.context["page"].paginator.count == demo.organisation.memberships.count()
    assert len(page.context["page"]) == 25
    second = client.get(MEMBERS, {"page": 2}).content.decode()
    assert "Sida 2 av" in second
    found = client.get(MEMBERS, {"q": "MAGNUS.medlem"}).context["page"]
    assert [m.user.email for m in found] == [demo.member.email]
    leaders = client.get(MEMBERS, {"role": "leader"}).context["page"]
    assert [m.user for m in leaders] == [demo.leader]
    assert client.get(MEMBERS, {"role": "no-such-role", "page": "x"}).status_code == 200


def test_leaders_see_the_list_but_only_administrators_change_roles(
    client: Client, demo: DemoWorld
) -> None:
    target = _someone(demo)
    client.force_login(demo.leader)
    assert 'name="role"' not in client.get(MEMBERS).content.decode().split("memberlist")[1]
    url = reverse("accounts:member_role", args=[DEMO_SLUG, target.pk])
    assert client.post(url, {"role": "leader"}).status_code == 404
    client.force_login(demo.admin)
    assert client.post(url, {"role": "leader"}).status_code == 302
    target.refresh_from_db()
    assert target.role == Role.LEADER
    client.post(url, {"role": "chief"})
    target.refresh_from_db()
    assert target.role == Role.LEADER


def test_the_last_administrator_stays_and_nobody_changes_their_own_role(
    client: Client, demo: DemoWorld
) -> None:
    client.force_login(demo.admin)
    own = Membership.objects.get(user=demo.admin, organisation=demo.organisation)
    response = client.post(
        reverse("accounts:member_role", args=[DEMO_SLUG, own.pk]), {"role": "member"}, follow=True
    )
    assert "Du kan inte ändra din egen roll" in response.content.decode()
    response = client.post(reverse("accounts:member_remove", args=[DEMO_SLUG, own.pk]), follow=True)
    assert "Du kan inte ta bort dig själv" in response.content.decode()
    own.refresh_from_db()
    assert own.role == Role.ADMIN


def test_removing_a_member_says_what_happens_then_ends_their_access(
    client: Client, demo: DemoWorld
) -> None:
    client.force_login(demo.admin)
    target = Membership.objects.get(user=demo.member, organisation=demo.organisation)
    url = reverse("accounts:member_remove", args=[DEMO_SLUG, target.pk])
    page = client.get(url).content.decode()
    assert "Personens ansökningar finns kvar" in page and "Kontot finns kvar" in page
    assert Membership.objects.filter(pk=target.pk).exists()
    client.post(url)
    assert not Membership.objects.filter(pk=target.pk).exists()
    member = Client()
    member.force_login(demo.member)
    assert member.get(reverse("accounts:organisation", args=[DEMO_SLUG])).status_code == 404


def test_another_organisations_memberships_answer_404(client: Client, demo: DemoWorld) -> None:
    theirs = Membership.objects.get(user=demo.other_leader, organisation=demo.other_organisation)
    client.force_login(demo.admin)
    for name, method in (("accounts:member_role", "post"), ("accounts:member_remove", "get")):
        url = reverse(name, args=[DEMO_SLUG, theirs.pk])
        assert getattr(client, method)(url, {"role": "member"}).status_code == 404
    assert client.get(reverse("accounts:members", args=[OTHER_SLUG])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.role == Role.LEADER
