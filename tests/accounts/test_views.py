"""Accounts pages: login, language, dashboards, profile and tenant isolation."""

import pytest
from django.test import Client
from django.urls import reverse

from natverk.accounts.demo import (
    DEMO_SLUG,
    LEADER_EMAIL,
    LEADER_PASSWORD,
    OTHER_SLUG,
    DemoWorld,
)


def test_anonymous_visitor_is_sent_to_login(client: Client, db: None) -> None:
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    response = client.get(reverse("accounts:organisation", args=[DEMO_SLUG]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_login_page_speaks_swedish_by_default_and_the_browser_language(
    client: Client, db: None
) -> None:
    assert "Logga in" in client.get(reverse("accounts:login")).content.decode()
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "Log ind" in page
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Log in" in page


def test_leader_logs_in_with_email_and_sees_the_swedish_dashboard(
    client: Client, demo: DemoWorld
) -> None:
    response = client.post(
        reverse("accounts:login"),
        {"username": LEADER_EMAIL, "password": LEADER_PASSWORD},
        follow=True,
        REMOTE_ADDR="10.1.1.1",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Välkommen, Lena" in page
    assert "Vanligaste yrken" in page
    assert response["Cache-Control"] == "no-store"


def test_login_is_locked_at_five_failures_even_for_the_right_password(
    client: Client, demo: DemoWorld
) -> None:
    statuses = [
        client.post(
            reverse("accounts:login"),
            {"username": LEADER_EMAIL, "password": "wrong"},
            REMOTE_ADDR="10.2.2.2",
        ).status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    response = client.post(
        reverse("accounts:login"),
        {"username": LEADER_EMAIL, "password": LEADER_PASSWORD},
        REMOTE_ADDR="10.2.2.2",
    )
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()


def test_switching_language_is_remembered_on_the_account(client: Client, demo: DemoWorld) -> None:
    client.force_login(demo.leader)
    client.post(reverse("set_language"), {"language": "da", "next": "/dashboard/"})
    demo.leader.refresh_from_db()
    assert demo.leader.preferred_language == "da"
    page = client.get(reverse("accounts:organisation", args=[DEMO_SLUG])).content.decode()
    assert "Velkommen, Lena" in page


def test_another_organisations_dashboard_answers_404(client: Client, demo: DemoWorld) -> None:
    client.force_login(demo.leader)
    assert client.get(reverse("accounts:organisation", args=[OTHER_SLUG])).status_code == 404
    assert client.get(reverse("accounts:organisation", args=["no-such-org"])).status_code == 404


def test_member_sees_no_membership_statistics(client: Client, demo: DemoWorld) -> None:
    client.force_login(demo.member)
    page = client.get(reverse("accounts:organisation", args=[DEMO_SLUG])).content.decode()
    assert "Ditt nätverkande" in page
    assert "Vanligaste yrken" not in page


def test_single_membership_dashboard_redirects_to_the_organisation(
    client: Client, demo: DemoWorld
) -> None:
    client.force_login(demo.member)
    response = client.get(reverse("accounts:dashboard"))
    assert response["Location"] == reverse("accounts:organisation", args=[DEMO_SLUG])


@pytest.mark.django_db
def test_profile_form_saves_valid_input_and_reports_errors(client: Client, demo: DemoWorld) -> None:
    client.force_login(demo.member)
    url = reverse("accounts:profile")
    bad = client.post(url, {"profession": "9999", "linkedin_url": "http://x.example"})
    assert bad.status_code == 200 and "Okänd yrkeskod" in bad.content.decode()
    good = client.post(
        url,
        {
            "profession": "2423",
            "industry": "35",
            "region": "SE-M",
            "employer": "Ellevio",
            "languages": ["sv", "en"],
            "phone": "+46 70 123 45 67",
        },
    )
    assert good.status_code == 302
    demo.member.profile.refresh_from_db()
    assert demo.member.profile.profession == "2423"
    assert demo.member.profile.languages == "sv, en"
    assert demo.member.profile.phone == "+46 70 123 45 67"


def test_api_health_and_me(client: Client, demo: DemoWorld) -> None:
    assert client.get("/api/health").json()["status"] == "ok"
    assert client.get("/api/me").status_code == 401
    client.force_login(demo.leader)
    me = client.get("/api/me").json()
    assert me["email"] == LEADER_EMAIL
    assert {m["slug"] for m in me["memberships"]} == {DEMO_SLUG}
