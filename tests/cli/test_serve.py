"""`natverk serve` for real: gunicorn and the task worker start, serve, and stop on SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from natverk.cli.serve import Logs, Supervisor, default_workers, gunicorn_command

SRC = Path(__file__).resolve().parents[2] / "src"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ended(pid: int) -> bool:
    """Gone, or a zombie waiting for its parent (it runs no more)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback only)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, dict(response.headers), response.read()


@pytest.fixture
def production_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NATVERK_", "DJANGO_"))}
    return env | {
        "NATVERK_SECRET_KEY": "s3rve-" + "k3Vq9Zr2Lm7Tx4Wp8Ns1Hb6Jd0Fy5Gc3Ua9Ro2Ei7Kt4Qw8Zx1",
        "NATVERK_DATA_DIR": str(tmp_path),
        "NATVERK_SSL_REDIRECT": "0",
        "PYTHONPATH": str(SRC),
    }


@pytest.mark.slow
def test_serve_answers_pages_and_static_files_and_stops_both_on_sigterm(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    natverk = [sys.executable, "-m", "natverk"]
    subprocess.run([*natverk, "migrate", "-v0"], env=production_env, check=True, timeout=120)
    port = _free_port()
    server = subprocess.Popen(
        [*natverk, "serve", "--port", str(port), "--workers", "1", "--log-dir", str(tmp_path)],
        env=production_env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        lines = [server.stderr.readline() for _ in range(7)]
        banner = "".join(lines)
        assert "static files collected" in lines[0]
        assert "Ctrl-C or SIGTERM stops both gracefully" in lines[-1]
        web = int(re.search(r"gunicorn with 1 web workers \(pid (\d+)\)", banner).group(1))  # type: ignore[union-attr]
        worker = int(re.search(r"task worker and periodic jobs: pid (\d+)", banner).group(1))  # type: ignore[union-attr]
        assert f"web server log: {tmp_path / 'web.log'}" in banner
        assert f"worker log:     {tmp_path / 'worker.log'}" in banner
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                status, headers, body = _get(base + "/accounts/login/")
                break
            except OSError:
                time.sleep(0.2)
        assert status == 200 and b'name="password"' in body
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        # The stylesheet has a hashed name, a year-long cache and a compressed copy.
        css = re.search(rb'href="(/static/natverk/natverk\.[0-9a-f]{12}\.css)"', body)
        assert css is not None, body[:400]
        status, headers, _ = _get(base + css.group(1).decode(), **{"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert "immutable" in headers["Cache-Control"]
    finally:
        server.send_signal(signal.SIGTERM)
        _, rest = server.communicate(timeout=90)
    assert server.returncode == 0, rest
    assert "natverk serve: stopped" in rest
    assert _ended(web) and _ended(worker)
    assert "Starting gunicorn" in (tmp_path / "web.log").read_text()
    assert "Handling signal: term" in (tmp_path / "web.log").read_text()
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0  # nothing listens any more


def test_gunicorn_command_binds_ipv6_and_logs_where_asked(tmp_path: Path) -> None:
    command = gunicorn_command("::1", 8000, 3, 2, Logs.for_dir(tmp_path, access=False))
    assert "--bind=[::1]:8000" in command
    assert "--workers=3" in command and "--threads=2" in command
    assert f"--error-logfile={tmp_path / 'web.log'}" in command
    assert not any(part.startswith("--access-logfile") for part in command)
    assert "--no-control-socket" in command


def test_logs_on_the_terminal_say_so() -> None:
    text = Logs.for_dir(None, access=True).describe()
    assert "web server log: this terminal (stderr)" in text
    assert "access log:     this terminal (stdout)" in text


def test_default_workers_follow_the_cores() -> None:
    assert default_workers() == len(os.sched_getaffinity(0)) + 2


def test_supervisor_stops_the_other_process_when_one_ends() -> None:
    supervisor = Supervisor()
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    supervisor.start("web", sleeper, None)
    supervisor.start("worker", [sys.executable, "-c", "raise SystemExit(3)"], None)
    assert supervisor.watch(interval=0.05) == "worker"
    supervisor.stop()
    assert supervisor.processes["worker"].returncode == 3
    assert supervisor.processes["web"].returncode == -signal.SIGTERM


def test_supervisor_stops_both_on_a_stop_signal() -> None:
    supervisor = Supervisor()
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    supervisor.start("web", sleeper, None)
    supervisor.start("worker", sleeper, None)
    supervisor.on_signal(signal.SIGINT, None)
    assert supervisor.watch(interval=0.05) is None
    supervisor.stop()
    assert all(p.returncode == -signal.SIGTERM for p in supervisor.processes.values())
