"""``{% form_fields %}``: unbound forms come from the derived cache by what they show;
bound forms (with input and errors) are always rendered."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from natverk.accounts.demo import DemoWorld
from natverk.accounts.models import Profile


def test_profile_form_shows_the_saved_values_at_once(demo: DemoWorld, client: Client) -> None:
    client.force_login(demo.member)
    url = reverse("accounts:profile")
    client.get(url)
    Profile.objects.filter(user=demo.member).update(employer="Ett nytt bolag AB")
    assert 'value="Ett nytt bolag AB"' in client.get(url).content.decode()
    Profile.objects.filter(user=demo.member).update(employer="Ett annat bolag AB")
    assert 'value="Ett annat bolag AB"' in client.get(url).content.decode()


def test_profile_form_with_an_error_shows_the_input_and_the_error(
    demo: DemoWorld, client: Client
) -> None:
    client.force_login(demo.member)
    url = reverse("accounts:profile")
    client.get(url)  # the unbound form is cached
    page = client.post(url, {"linkedin_url": "https://example.org/not-linkedin"}).content
    html = page.decode()
    assert 'value="https://example.org/not-linkedin"' in html
    assert 'class="error"' in html


def test_profile_form_speaks_the_language_of_the_page(demo: DemoWorld, client: Client) -> None:
    client.force_login(demo.member)
    url = reverse("accounts:profile")
    swedish = client.get(url, headers={"accept-language": "sv"}).content.decode()
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "Languages you can meet in" in english
    assert "Languages you can meet in" not in swedish
