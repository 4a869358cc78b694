"""On PostgreSQL, the queries a connection runs again and again are prepared once.

Planning was two thirds of PostgreSQL's time on the pages members open most
(docs/benchmarks.md); `NATVERK_DB_PREPARED` (on by default) binds parameters on the
server and lets psycopg prepare repeated queries. On SQLite the option changes nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from natverk.accounts.demo import DEMO_SLUG, DemoWorld


def _prepared_here() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_page_opened_again_runs_prepared_queries_on_postgresql(demo: DemoWorld) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    client = Client()
    client.force_login(demo.member)
    for _ in range(4):
        assert client.get(f"/o/{DEMO_SLUG}/").status_code == 200
    membership = [s for s in _prepared_here() if '"accounts_membership"' in s]
    assert membership, "the membership lookup of every page was not prepared"
    assert all("$1" in statement for statement in membership)  # bound on the server


def _options_with(prepared: str, url: str, data_dir: Path) -> str:
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.DATABASES['default'].get('OPTIONS', {}))"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "NATVERK_DB_PREPARED": prepared,
        "NATVERK_DEBUG": "1",
        "NATVERK_DATA_DIR": str(data_dir),  # DEBUG keeps a key there: not in the checkout
        "DJANGO_SETTINGS_MODULE": "natverk.site.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_prepared_statements_can_be_turned_off_for_old_poolers(tmp_path: Path) -> None:
    url = "postgres://natverk@127.0.0.1:5432/natverk"
    assert "'prepare_threshold': 2" in _options_with("1", url, tmp_path)
    assert "'server_side_binding': True" in _options_with("1", url, tmp_path)
    assert "prepare_threshold" not in _options_with("0", url, tmp_path)
    sqlite = f"sqlite:///{tmp_path / 'natverk.sqlite3'}"
    assert "prepare_threshold" not in _options_with("1", sqlite, tmp_path)
