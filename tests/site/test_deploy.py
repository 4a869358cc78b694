"""Production settings pass Django's deployment checklist with no warning."""

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "natverk", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def production_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NATVERK_", "DJANGO_"))}
    env |= {
        "NATVERK_SECRET_KEY": "k3Vq9Zr2Lm7Tx4Wp8Ns1Hb6Jd0Fy5Gc3Ua9Ro2Ei7Kt4Qw8Zx1Vb6Nm3Lp0Sd5Fg",
        "NATVERK_ALLOWED_HOSTS": "natverk.example.org",
        "NATVERK_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
    }
    return env


def test_check_deploy_is_clean_in_production(production_env: dict[str, str]) -> None:
    result = _run(production_env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key(production_env: dict[str, str]) -> None:
    del production_env["NATVERK_SECRET_KEY"]
    result = _run(production_env, "check")
    assert result.returncode != 0
    assert "NATVERK_SECRET_KEY" in result.stderr
