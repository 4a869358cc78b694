"""Hostile values posted to every form of the member side: a page or a redirect, never 500."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.programs import board
from natverk.programs.demo import load_demo_program
from natverk.programs.demo_space import load_demo_group_space

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "x" * 5000,
    "<script>alert(1)</script>",
    "-1",
    "99999999999999999999999",
    "١٢٣",
    "Lena.Ledare@Example.ORG",
    "a" * 300 + "@example.org",
    "' OR 1=1 --",
    "😀" * 100,
    "\u202e",
]
FIELDS = [
    "text",
    "parent",
    "share",
    "notify",
    "reminders",
    "reason",
    "resume",
    "restore",
    "application",
    "people",
    "role",
    "language",
    "email",
    "password",
    "q",
    "page",
    "name",
    "hopes",
    "offers",
    "profession",
    "industry",
    "region",
    "seniority",
    "languages",
    "availability",
    "pending",
    "new_password1",
    "new_password2",
    "old_password",
]


@pytest.mark.slow
def test_hostile_posts_never_answer_500(demo: DemoWorld) -> None:
    running = load_demo_group_space(demo)
    intake_program = load_demo_program(demo, applicants=8)
    group = running.groups.get(number=1)
    post = board.post_message(group, author=demo.member, text="Hej")
    g = {"slug": DEMO_SLUG, "group_id": group.pk}
    p = {"slug": DEMO_SLUG, "program_id": running.pk}
    urls = [
        reverse("programs:post", kwargs=g),
        reverse("programs:hide_post", kwargs=g | {"post_id": post.pk}),
        reverse("programs:sharing", kwargs=g),
        reverse("programs:notifications", kwargs=g),
        reverse("programs:pause", kwargs=g),
        reverse("programs:leave", kwargs=g),
        reverse("programs:invite", kwargs={"slug": DEMO_SLUG, "program_id": intake_program.pk}),
        reverse("programs:offer_place", kwargs=p | {"participation_id": 1}),
        reverse("programs:apply", kwargs={"token": intake_program.apply_token}),
        reverse("programs:apply_change", kwargs={"token": intake_program.apply_token}),
        reverse("programs:confirm", args=["bad"]),
        reverse("programs:unsubscribe", args=["bad"]),
        reverse("accounts:invitations", args=[DEMO_SLUG]),
        reverse("accounts:account"),
        reverse("accounts:password_reset"),
        reverse("accounts:password_change"),
        reverse("accounts:invitation", args=["bad"]),
        reverse("accounts:email_confirm", args=["bad"]),
        reverse("accounts:profile"),
    ]
    clients = []
    for person in (demo.member, demo.admin):
        client = Client()
        client.force_login(person)
        clients.append(client)
    members = reverse("accounts:members", args=[DEMO_SLUG])
    for k, value in enumerate(HOSTILE):
        data = {field: value for field in FIELDS}
        client = clients[k % 2]  # the member, then an administrator
        for url in urls:
            response = client.post(url, data, REMOTE_ADDR=f"10.8.{k}.1")
            assert response.status_code < 500, (url, value)
        assert client.get(members, {"q": value, "role": value, "page": value}).status_code < 500
