"""``natverk serve``: the production web server (gunicorn) and the task worker together.

One command for a machine that serves natverk: it collects the static files (when
DEBUG is off, hashed and compressed for whitenoise), starts gunicorn with a worker
count from the cores and ``natverk worker`` beside it, says where the logs go, and
stops both gracefully on SIGTERM or Ctrl-C (a second Ctrl-C stops at once). When one
of the two ends by itself, the other is stopped too and the command fails, so that a
supervisor such as systemd restarts the pair.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO

import click

#: Seconds gunicorn gives running requests after SIGTERM; the worker may finish a task.
WEB_GRACE_SECONDS = 30
WORKER_GRACE_SECONDS = 60


def default_workers() -> int:
    """Two web workers more than cores: natverk's pages are CPU-bound, and on two cores
    four workers served 8-14 % more than gunicorn's 2 x cores + 1 (docs/benchmarks.md)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 2


@dataclass(frozen=True)
class Logs:
    """Where each process writes: a file path or the terminal ("-")."""

    web: str
    access: str | None
    worker: str

    @classmethod
    def for_dir(cls, log_dir: Path | None, *, access: bool) -> Logs:
        if log_dir is None:
            return cls("-", "-" if access else None, "-")
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir.resolve()
        return cls(
            str(path / "web.log"),
            str(path / "access.log") if access else None,
            str(path / "worker.log"),
        )

    def describe(self, *, worker: bool = True) -> str:
        """One line per log, for the start banner."""

        def where(target: str | None, stream: str) -> str:
            if target is None:
                return "off (--no-access-log)"
            return f"this terminal ({stream})" if target == "-" else target

        lines = [
            f"  web server log: {where(self.web, 'stderr')}",
            f"  access log:     {where(self.access, 'stdout')}",
        ]
        if worker:
            lines.append(f"  worker log:     {where(self.worker, 'stderr')}")
        return "\n".join(lines)


def gunicorn_command(host: str, port: int, workers: int, threads: int, logs: Logs) -> list[str]:
    """The gunicorn command line for natverk's WSGI application."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "natverk.site.wsgi:application",
        f"--bind={bind}",
        f"--workers={workers}",
        f"--threads={threads}",
        f"--graceful-timeout={WEB_GRACE_SECONDS}",
        "--timeout=60",
        "--keep-alive=5",
        f"--error-logfile={logs.web}",
        "--name=natverk-web",
        "--no-control-socket",
    ]
    if logs.access is not None:
        command.append(f"--access-logfile={logs.access}")
    return command


def worker_command() -> list[str]:
    """The task worker (background tasks and the periodic-job clock)."""
    return [sys.executable, "-m", "natverk", "worker", "--no-startup-delay"]


def static_fingerprint() -> str:
    """A digest of every static source file (path, size, time) and the storage used."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    from natverk.site.stamp import files_digest

    files = (
        (path, Path(storage.path(path)))
        for finder in get_finders()
        for path, storage in sorted(finder.list(["CVS", ".*", "*~"]), key=lambda f: f[0])
    )
    return files_digest(repr(settings.STORAGES["staticfiles"]), files)


def collect_static() -> bool:
    """Run collectstatic (hashed names, gzip and brotli copies) unless the collected files
    are already those of the current sources; returns whether it ran."""
    from django.conf import settings
    from django.core.management import call_command

    stamp = Path(settings.STATIC_ROOT) / ".natverk-collected"
    fingerprint = static_fingerprint()
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint)
    return True


def _prepare() -> bool:
    """Collect static files when DEBUG is off; warn about unapplied migrations.

    Returns whether DEBUG is on.
    """
    import django
    from django.conf import settings
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    django.setup()
    if not settings.DEBUG and collect_static():
        click.echo(f"natverk serve: static files collected in {settings.STATIC_ROOT}", err=True)
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    connection.close()
    if pending:
        click.echo(
            f"natverk serve: {len(pending)} database migrations are not applied yet; "
            "run `natverk migrate` first.",
            err=True,
        )
    return bool(settings.DEBUG)


def _open_log(target: str) -> IO[bytes] | None:
    return None if target == "-" else open(target, "ab")  # noqa: SIM115


class Supervisor:
    """Starts the processes, forwards stop signals, and ends them all together."""

    def __init__(self) -> None:
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.stopping = False

    def start(self, name: str, command: list[str], log: IO[bytes] | None) -> int:
        # A session of their own: Ctrl-C reaches only us, and we stop them gracefully.
        process = subprocess.Popen(  # noqa: S603
            command, stdout=log, stderr=log, start_new_session=True
        )
        self.processes[name] = process
        return process.pid

    def on_signal(self, signum: int, frame: FrameType | None) -> None:
        if signum == signal.SIGHUP:
            if "web" in self.processes:
                self.processes["web"].send_signal(signal.SIGHUP)  # gunicorn reloads workers
            return
        if self.stopping:
            for process in self.processes.values():
                if process.poll() is None:
                    process.kill()
        self.stopping = True

    def stop(self) -> None:
        """SIGTERM to every process; SIGKILL to any still running after its grace time."""
        graces = {"web": WEB_GRACE_SECONDS, "worker": WORKER_GRACE_SECONDS}
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for name, process in self.processes.items():
            try:
                process.wait(timeout=graces.get(name, WEB_GRACE_SECONDS) + 5)
            except subprocess.TimeoutExpired:
                click.echo(f"natverk serve: {name} did not stop in time; killing it", err=True)
                process.kill()
                process.wait()

    def watch(self, interval: float = 0.2) -> str | None:
        """Wait until a stop signal arrives (None) or a process ends (its name)."""
        while not self.stopping:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    return name
            time.sleep(interval)
        return None


def _install(handler: Callable[[int, FrameType | None], None]) -> None:
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, handler)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option("--port", default=8000, show_default=True, type=int, help="port to listen on")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="web worker processes [default: cores + 2]",
)
@click.option(
    "--threads", type=click.IntRange(min=1), default=1, show_default=True, help="per web worker"
)
@click.option("--no-worker", is_flag=True, help="web server only (run `natverk worker` elsewhere)")
@click.option(
    "--log-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="write web.log, access.log and worker.log here instead of the terminal",
)
@click.option("--access-log/--no-access-log", default=True, show_default=True)
def serve(
    host: str,
    port: int,
    workers: int | None,
    threads: int,
    no_worker: bool,
    log_dir: Path | None,
    access_log: bool,
) -> None:
    """Serve natverk with gunicorn and run the task worker beside it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natverk.site.settings")
    debug = _prepare()
    logs = Logs.for_dir(log_dir, access=access_log)
    count = workers or default_workers()
    supervisor = Supervisor()
    _install(supervisor.on_signal)
    web_pid = supervisor.start(
        "web", gunicorn_command(host, port, count, threads, logs), _open_log(logs.web)
    )
    shown = f"[{host}]" if ":" in host else host
    lines = [
        f"natverk serve: http://{shown}:{port}/ - gunicorn with {count} web workers "
        f"(pid {web_pid}){' in DEBUG mode' if debug else ''}"
    ]
    if not no_worker:
        worker_pid = supervisor.start("worker", worker_command(), _open_log(logs.worker))
        lines.append(f"  task worker and periodic jobs: pid {worker_pid}")
    stops = "it" if no_worker else "both"
    lines += [logs.describe(worker=not no_worker), f"  Ctrl-C or SIGTERM stops {stops} gracefully."]
    click.echo("\n".join(lines), err=True)
    ended = supervisor.watch()
    if ended is not None:
        code = supervisor.processes[ended].returncode
        click.echo(f"natverk serve: the {ended} process ended (exit {code}); stopping", err=True)
    supervisor.stop()
    click.echo("natverk serve: stopped", err=True)
    if ended is not None:
        raise SystemExit(1)
