"""The catalogue: every open program with what people choose by, filters, sharing tags,
who sees it, and counts of who has joined that never single anyone out."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from natverk.accounts import actions as accounts
from natverk.accounts.models import Organisation, Profile, Role, User
from natverk.programs import actions
from natverk.programs.models import Application, Program

PASSWORD = "katalog-2027-test"  # noqa: S105


def _program(org: Organisation, leader: User, title: str, **fields: object) -> Program:
    program = actions.create_program(org, by=leader, title=title, **fields)
    actions.open_intake(program)
    return program


def _accept(program: Program, n: int, profession: str, region: str = "SE-AB") -> None:
    for _ in range(n):
        i = program.applications.count()
        Application.objects.create(
            program=program,
            name=f"Person {i}",
            email=f"p{program.pk}.{i}@example.org",
            profession=profession,
            industry="35",
            region=region,
            hopes="h",
            offers="o",
            status=Application.Status.ACCEPTED,
        )


@pytest.fixture
def org(db: None) -> Organisation:
    """A public catalogue with two open programs, and three that are not shown."""
    organisation = accounts.create_organisation(name="Kommunikatörsnätverket", slug="komm")
    accounts.set_catalogue_visibility(organisation, Organisation.Catalogue.PUBLIC)
    leader = User.objects.create_user("lina.ledare@example.org", PASSWORD, name="Lina Ledare")
    accounts.add_member(organisation, leader, Role.LEADER)
    accounts.update_profile(
        Profile.objects.get(user=leader), bio="Leder nätverk för kommunikatörer sedan 2015."
    )
    today = timezone.localdate()
    digital = _program(
        organisation,
        leader,
        "Kommunikatörer i energi",
        theme="Kris och förändring",
        purpose="Lär av kollegor i andra branscher.",
        audience="Kommunikatörer",
        audience_professions="2432",
        format="digital",
        language="sv",
        capacity=10,
        application_deadline=today + dt.timedelta(days=10),
        first_meeting_on=today + dt.timedelta(days=20),
    )
    _accept(digital, 4, "2432")
    _accept(digital, 2, "3343")
    _program(
        organisation,
        leader,
        "Analysts in Malmö",
        format="in_person",
        group_max=12,
        place="Malmö",
        language="en",
        audience_professions="2511",
        fee_text="SEK 2,500",
    )
    actions.create_program(organisation, by=leader, title="Utkastet")  # a draft
    _program(organisation, leader, "Bara med länk", listed=False)
    _program(
        organisation,
        leader,
        "Försent",
        application_deadline=today - dt.timedelta(days=1),
    )
    return organisation


def _page(client: Client, slug: str = "komm", **query: str) -> str:
    response = client.get(
        reverse("programs:catalogue", args=[slug]), query, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    return response.content.decode()


def _titles(html: str) -> set[str]:
    return set(re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html))


def test_a_public_catalogue_lists_open_programs_with_what_people_choose_by(
    org: Organisation,
) -> None:
    html = _page(Client())
    assert _titles(html) == {"Kommunikatörer i energi", "Analysts in Malmö"}
    assert "Lär av kollegor i andra branscher." in html and "Kris och förändring" in html
    assert "6 meetings of 90 minutes" in html and "over 16 weeks" in html
    assert "9 hours in all" in html
    assert "Lina Ledare" in html and ">LL<" in html and "sedan 2015" in html
    assert "In person" in html and "Malmö" in html and "SEK 2,500" in html
    assert "Free of charge" in html and "Svenska" in html and "English" in html
    assert re.search(r"<dt>Places left</dt><dd>4</dd>", html)


def test_filters_narrow_by_format_language_profession_fee_and_places(org: Organisation) -> None:
    client = Client()
    digital = {"Kommunikatörer i energi"}
    assert _titles(_page(client, format="digital", language="sv", profession="2432")) == digital
    assert _titles(_page(client, profession="2511")) == {"Analysts in Malmö"}
    assert _titles(_page(client, free="on")) == digital
    assert _titles(_page(client, q="malmö")) == {"Analysts in Malmö"}
    assert _titles(_page(client, q="MALMO")) == {"Analysts in Malmö"}  # folded, plain letters
    assert _titles(_page(client, format="hybrid")) == set()
    # A value that is not an option is left out, never an error.
    assert len(_titles(_page(client, format="<script>", language="xx"))) == 2


def test_filters_narrow_by_time_in_all_and_the_month_it_starts(org: Organisation) -> None:
    client = Client()
    digital = Program.objects.get(title="Kommunikatörer i energi")
    assert digital.first_meeting_on is not None
    month = digital.first_meeting_on.strftime("%Y-%m")
    html = _page(client)
    assert f'<option value="{month}">' in html and "At most 10 hours" in html
    assert _titles(_page(client, month=month)) == {"Kommunikatörer i energi"}
    assert _titles(_page(client, hours="10")) == {"Kommunikatörer i energi", "Analysts in Malmö"}
    assert _titles(_page(client, hours="5")) == set()  # 6 x 90 minutes is 9 hours
    swedish = client.get(
        reverse("programs:catalogue", args=["komm"]), HTTP_ACCEPT_LANGUAGE="sv"
    ).content.decode()
    assert "Högst 10 timmar" in swedish and "Tid totalt" in swedish


def test_filters_narrow_by_place_and_by_being_open_on_a_day(org: Organisation) -> None:
    client = Client()
    html = _page(client)
    assert '<option value="Malmö">Malmö</option>' in html
    assert _titles(_page(client, place="Malmö")) == {"Analysts in Malmö"}
    digital = Program.objects.get(title="Kommunikatörer i energi")
    assert digital.application_deadline is not None
    after = (digital.application_deadline + dt.timedelta(days=1)).isoformat()
    # The digital program closes before that day; Malmö has no deadline.
    assert _titles(_page(client, open_on=after)) == {"Analysts in Malmö"}
    on_the_day = digital.application_deadline.isoformat()
    assert len(_titles(_page(client, open_on=on_the_day))) == 2
    assert len(_titles(_page(client, open_on="not-a-date", place="Nowhere"))) == 2


def test_people_find_the_catalogue_from_their_organisation_and_the_program_page(
    org: Organisation,
) -> None:
    member = User.objects.create_user("mia@example.org", PASSWORD, name="Mia Medlem")
    accounts.add_member(org, member, Role.MEMBER)
    client = Client()
    client.force_login(member)
    catalogue = reverse("programs:catalogue", args=["komm"])
    start = client.get(reverse("accounts:organisation", args=["komm"])).content.decode()
    assert f'href="{catalogue}"' in start
    leader = User.objects.get(email="lina.ledare@example.org")
    client.force_login(leader)
    start = client.get(reverse("accounts:organisation", args=["komm"])).content.decode()
    assert f'href="{catalogue}"' in start
    program = Program.objects.get(title="Kommunikatörer i energi")
    detail = client.get(reverse("programs:detail", args=["komm", program.pk])).content.decode()
    assert reverse("programs:listing", args=["komm", program.pk]) in detail
    late = Program.objects.get(title="Försent")
    closed = Client().get(reverse("programs:apply", args=[late.apply_token])).content.decode()
    assert f'href="{catalogue}"' in closed


def test_a_program_page_shares_well_and_closed_ones_are_not_found(org: Organisation) -> None:
    program = Program.objects.get(title="Kommunikatörer i energi")
    url = reverse("programs:listing", args=["komm", program.pk])
    html = Client().get(url).content.decode()
    assert '<meta property="og:title" content="Kommunikatörer i energi">' in html
    assert '<meta property="og:type" content="website">' in html
    assert f'<meta property="og:url" content="http://testserver{url}">' in html
    assert 'property="og:description" content="Lär av kollegor i andra branscher."' in html
    for hidden in ("Utkastet", "Bara med länk", "Försent"):
        other = Program.objects.get(title=hidden)
        assert Client().get(reverse("programs:listing", args=["komm", other.pk])).status_code == 404


def test_the_counts_of_who_joined_never_show_fewer_than_three_even_against_the_total(
    org: Organisation,
) -> None:
    program = Program.objects.get(title="Kommunikatörer i energi")
    url = reverse("programs:listing", args=["komm", program.pk])
    for extra in range(4):  # 6, 7, 8 and 9 people with a place
        html = Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        accepted = program.applications.filter(status="accepted").count()
        # The exact total is public: places left = capacity - people with a place.
        places_left = int(re.findall(r"<dt>Places left</dt><dd>(\d+)</dd>", html)[0])
        assert program.capacity is not None and program.capacity - places_left == accepted
        joined = html.split("Who has joined so far", 1)[1]
        tables = re.findall(r'<table class="bars">(.*?)</table>', joined, re.S)
        assert len(tables) == 3
        for table in tables:
            shown = [int(n) for n in re.findall(r"<td>(\d+)</td>", table)]
            assert all(n >= 3 for n in shown), table
            # Every figure (with "other or not given") adds up to whole batches of three:
            # the total minus what is shown leaves either nobody or the one or two newest,
            # who are in no figure at all.
            assert sum(shown) == accepted - accepted % 3, table
        if extra == 0:
            # Four communicators of six: shown beside the total, it would single out the
            # other two, so professions are shown only as "other or not given".
            professions = tables[0]
            assert "Business and administration" not in professions
            assert "Other or not given</th><td>6<" in professions
        _accept(program, 1, "2432", region="SE-M")


def test_a_members_only_catalogue_asks_visitors_to_log_in(org: Organisation) -> None:
    accounts.set_catalogue_visibility(org, Organisation.Catalogue.MEMBERS)
    url = reverse("programs:catalogue", args=["komm"])
    response = Client().get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    outsider = User.objects.create_user("utanfor@example.org", PASSWORD, name="Ute Sida")
    client = Client()
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    accounts.add_member(org, outsider, Role.MEMBER)
    assert client.get(url).status_code == 200
    assert Client().get(reverse("programs:catalogue", args=["finns-inte"])).status_code == 302


def test_an_administrator_chooses_who_sees_the_catalogue(org: Organisation) -> None:
    admin = User.objects.create_user("ada@example.org", PASSWORD, name="Ada Admin")
    accounts.add_member(org, admin, Role.ADMIN)
    client = Client()
    client.force_login(admin)
    assert 'name="catalogue"' in _page(client)
    url = reverse("programs:catalogue_visibility", args=["komm"])
    client.post(url, {"catalogue": "members"})
    org.refresh_from_db()
    assert org.catalogue == "members"
    assert Client().get(reverse("programs:catalogue", args=["komm"])).status_code == 302
    leader = User.objects.get(email="lina.ledare@example.org")
    client.force_login(leader)
    assert client.post(url, {"catalogue": "public"}).status_code == 404
    assert 'name="catalogue"' not in _page(client)


def test_applying_after_the_deadline_is_closed(org: Organisation) -> None:
    late = Program.objects.get(title="Försent")
    response = Client().get(reverse("programs:apply", args=[late.apply_token]))
    assert response.status_code == 410
    assert (
        "The last day to apply was"
        in Client()
        .get(reverse("programs:apply", args=[late.apply_token]), HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
