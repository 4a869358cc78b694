"""`make demo` shows the member side at once: Magnus lands in a group with meetings,
shared contact details and board posts."""

from __future__ import annotations

import re
from io import StringIO

from django.core.management import call_command
from django.test import Client

from natverk.accounts.demo import MEMBER_EMAIL, MEMBER_PASSWORD


def test_the_demo_member_logs_in_and_lands_in_a_group(db: None) -> None:
    out = StringIO()
    call_command("load_demo", "--members", "60", stdout=out)
    assert MEMBER_EMAIL in out.getvalue() and MEMBER_PASSWORD in out.getvalue()
    call_command("load_demo", "--members", "60", stdout=StringIO())  # idempotent
    client = Client()
    response = client.post(
        "/accounts/login/",
        {"username": MEMBER_EMAIL, "password": MEMBER_PASSWORD},
        follow=True,
        REMOTE_ADDR="10.5.5.5",
    )
    dashboard = response.content.decode()
    assert "Öppna gruppens sida" in dashboard and "Din grupp" in dashboard
    links = re.findall(r'href="(/o/[^"]+/groups/\d+/)"', dashboard)
    assert links
    page = client.get(links[0]).content.decode()
    assert "Grupp 1" in page
    assert page.count("<li>") >= 3  # meetings
    assert "mailto:" in page and "tel:" in page
    assert "kriskommunikation" in page.lower()
