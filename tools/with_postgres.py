"""Run a command against a throwaway PostgreSQL server, then remove the server.

    python tools/with_postgres.py -- pytest -m database        # DATABASE_URL is set
    python tools/with_postgres.py -- python bench/load.py
    python tools/with_postgres.py --socket -- python bench/load.py   # over the Unix socket

Creates a cluster with initdb in a temporary directory, starts it with pg_ctl on a
free loopback port (as the ``postgres`` user when run as root, since PostgreSQL
refuses to run as root; directly otherwise), runs the command with ``DATABASE_URL``
pointing at it, and stops the server and deletes the directory however the command
ends (failure, Ctrl-C or SIGTERM included). With ``--socket`` the URL reaches the server
over its Unix socket, as docs/deploy.md's one-machine setup does, instead of TCP.
Exits with the command's exit code.
Needs Debian's PostgreSQL server binaries (``make postgres-deps`` installs them).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from urllib.parse import quote

USER = "natverk"


def bin_dir() -> Path:
    """The newest installed PostgreSQL server's bin directory (Debian's layout first)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise SystemExit("PostgreSQL server not found: run `make postgres-deps`.")
    return Path(initdb).resolve().parent


def _version(path: str) -> tuple[int, ...]:
    part = Path(path).parts[-3]
    return tuple(int(x) for x in part.split(".") if x.isdigit())


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextlib.contextmanager
def throwaway_cluster(*, over_socket: bool = False) -> Iterator[str]:
    """A running PostgreSQL server for the duration of the block; yields its URL (over
    TCP on the loopback, or over the Unix socket in its directory)."""
    pg = bin_dir()
    root = Path(tempfile.mkdtemp(prefix="natverk-pg-"))
    data, log = root / "data", root / "server.log"
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres")
    port = free_port()
    run = subprocess.run  # check=True: a failed start stops here with the server log below
    try:
        run(
            _as_server_user(
                [str(pg / "initdb"), "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        run(
            _as_server_user(
                [str(pg / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        try:
            host = quote(str(root), safe="") if over_socket else "127.0.0.1"
            yield f"postgres://{USER}@{host}:{port}/postgres"
        finally:
            run(
                _as_server_user([str(pg / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
                check=False,
                stdout=subprocess.DEVNULL,
            )
    except subprocess.CalledProcessError:
        if log.exists():
            sys.stderr.write(log.read_text(errors="replace"))
        raise
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    """Run ``argv`` (after an optional ``--``) with DATABASE_URL set; return its code."""
    over_socket = argv[:1] == ["--socket"]
    argv = argv[1:] if over_socket else argv
    command = argv[1:] if argv[:1] == ["--"] else argv
    if not command:
        sys.stderr.write(__doc__ or "")
        return 2
    signal.signal(signal.SIGTERM, _stop)
    with throwaway_cluster(over_socket=over_socket) as url:
        sys.stderr.write(f"with_postgres: throwaway PostgreSQL at {url}\n")
        child = subprocess.Popen(command, env={**os.environ, "DATABASE_URL": url})  # noqa: S603
        try:
            return child.wait()
        except KeyboardInterrupt:
            child.send_signal(signal.SIGINT)
            child.wait()
            return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
