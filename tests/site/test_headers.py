"""Security headers: a Content-Security-Policy htmx works with, and no inline script."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from natverk.accounts.demo import DEMO_SLUG, DemoWorld

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "natverk"


def _directives(policy: str) -> dict[str, str]:
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in policy.split(";")
        if part.strip()
    }


@pytest.mark.parametrize("who", ["anonymous", "leader", "member"])
def test_pages_send_the_security_headers(client: Client, demo: DemoWorld, who: str) -> None:
    if who != "anonymous":
        client.force_login(demo.leader if who == "leader" else demo.member)
    response = client.get(f"/o/{DEMO_SLUG}/" if who != "anonymous" else "/accounts/login/")
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


def test_error_pages_and_static_files_send_them_too(client: Client, db: None) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def _templates() -> list[Path]:
    """Templates of pages (e-mail bodies are read by mail clients, not under the policy:
    an HTML mail carries its styles inline, as mail clients require)."""
    return sorted(
        p
        for p in TEMPLATES.glob("**/templates/**/*.html")
        if "/templates/mail/" not in p.as_posix()
    )


def test_templates_hold_no_inline_script_handler_or_style() -> None:
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    style = re.compile(r"\sstyle\s*=|<style", re.IGNORECASE)
    javascript_url = re.compile(r"javascript:", re.IGNORECASE)
    found = [
        f"{path.relative_to(TEMPLATES)}: {pattern.pattern}"
        for path in _templates()
        for pattern in (inline_script, handler, style, javascript_url)
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert _templates(), "no templates found"
    assert found == []


def test_base_page_loads_htmx_without_eval_or_inline_styles(client: Client, db: None) -> None:
    html = client.get("/accounts/login/").content.decode()
    assert '"allowEval": false' in html and '"includeIndicatorStyles": false' in html
    assert re.search(r'<script src="/static/natverk/natverk\.js" defer>', html)
    assert "data-autosubmit" in html and "onchange" not in html
