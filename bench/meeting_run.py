"""How fast the moderator's run view answers, over HTTP, on the demo data.

Sets up a throwaway SQLite database with the demo world (`make demo`'s: 300 members, the
intake program, the demo group with two meetings held and the next ready), starts the
Django server (`natverk runserver`, DEBUG off, one process) and, as the leader, times each
run-view action with a bounded client: ROUNDS requests per action, one at a time, as htmx
sends them (the state fragment back), then the same polling from two devices while a
third taps. Prints p50/p95/max per action in milliseconds, after a baseline request that
does next to nothing (the server's floor on this machine at this moment), and the load
average before and after (the machine is shared: a high load inflates every figure).

    .venv/bin/python bench/meeting_run.py [--rounds 200] [--members 300]
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode


@dataclass
class Timings:
    """Latencies (ms) and statuses of one action."""

    name: str
    ms: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    statuses: set[int] = field(default_factory=set)

    def row(self) -> str:
        ordered = sorted(self.ms)
        cpu = f"{_p95(self.cpu):>9.1f}" if self.cpu else f"{'-':>9}"
        return (
            f"{self.name:<38}{len(ordered):>5}{statistics.median(ordered):>9.1f}"
            f"{_p95(ordered):>9.1f}{ordered[-1]:>9.1f}{cpu}  "
            + ",".join(map(str, sorted(self.statuses)))
        )


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


class Client:
    """A logged-in browser as htmx drives it: session and CSRF cookies, HX-Request.

    Each request opens its own connection (``Connection: close``): on a kept-alive
    connection Django's development server writes the headers and the body separately
    and the second write waits for the client's delayed ACK, about 40 ms on Linux, a
    cost of that server rather than of natverk (measured: GET /accounts/login/ p50
    44 ms kept alive, 3 ms closed).
    """

    def __init__(self, port: int, session: str, csrf: str) -> None:
        self.port, self.csrf = port, csrf
        self.cookie = f"sessionid={session}; csrftoken={csrf}"

    def request(self, method: str, path: str, data: dict[str, Any] | None = None) -> int:
        body = urlencode(data or {}) if method == "POST" else None
        headers = {
            "Cookie": self.cookie,
            "HX-Request": "true",
            "X-CSRFToken": self.csrf,
            "Connection": "close",
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    def timed(
        self, timings: Timings, method: str, path: str, data: dict[str, Any] | None = None
    ) -> None:
        started = time.perf_counter()
        status = self.request(method, path, data)
        timings.ms.append((time.perf_counter() - started) * 1000)
        timings.statuses.add(status)


class InProcessClient(Client):
    """The same requests through Django's test client in this process: the views' own
    time without HTTP, and the CPU each request used (p95 cpu column)."""

    def __init__(self, session: str, csrf: str) -> None:
        from django.test import Client as DjangoClient

        self.csrf, self.cookie = csrf, ""
        self.client = DjangoClient(enforce_csrf_checks=True)
        self.client.cookies["sessionid"] = session
        self.client.cookies["csrftoken"] = csrf

    def request(self, method: str, path: str, data: dict[str, Any] | None = None) -> int:
        headers = {"HX-Request": "true", "X-CSRFToken": self.csrf}
        if method == "POST":
            return int(self.client.post(path, data or {}, headers=headers).status_code)
        return int(self.client.get(path, headers=headers).status_code)

    def timed(
        self, timings: Timings, method: str, path: str, data: dict[str, Any] | None = None
    ) -> None:
        cpu = time.process_time()
        super().timed(timings, method, path, data)
        timings.cpu.append((time.process_time() - cpu) * 1000)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def _setup(members: int) -> tuple[Any, Any, str, str]:
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.middleware.csrf import _get_new_csrf_string

    from natverk.accounts.demo import load_demo
    from natverk.meetings.demo import load_demo_meetings
    from natverk.programs.demo import load_demo_program

    call_command("migrate", verbosity=0)
    world = load_demo(members=members)
    load_demo_program(world)
    demo = load_demo_meetings(world)
    session = SessionStore()
    session[SESSION_KEY] = str(world.leader.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = world.leader.get_session_auth_hash()
    session.create()
    assert session.session_key is not None
    return world, demo, session.session_key, _get_new_csrf_string()


def _polling(
    client: Client, path: str, meeting_id: int, stop: threading.Event, timings: Timings
) -> None:
    from natverk.meetings.models import Meeting

    while not stop.is_set():
        version = Meeting.objects.values_list("run_version", flat=True).get(pk=meeting_id)
        client.timed(timings, "GET", f"{path}?v={version}")
        time.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="requests per action")
    parser.add_argument("--members", type=int, default=300, help="members of the demo org")
    parser.add_argument(
        "--in-process", action="store_true", help="Django's test client instead of HTTP"
    )
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="natverk-bench-")
    env = {
        **os.environ,
        "NATVERK_DEBUG": "0",
        "NATVERK_SECRET_KEY": "bench-" + "k3yF0rTh3M33t1ngRunB3nchmark-2027" * 2,
        "NATVERK_SSL_REDIRECT": "0",
        "NATVERK_DATA_DIR": data,
        "DJANGO_SETTINGS_MODULE": "natverk.site.settings",
        "NATVERK_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    }
    os.environ.update(env)
    world, demo, session, csrf = _setup(args.members)
    before = os.getloadavg()[0]
    if args.in_process:
        results = _measure(InProcessClient(session, csrf), world, demo, args.rounds, None)
    else:
        results = _serve_and_measure(env, session, csrf, world, demo, args.rounds)
    print(f"{'action':<38}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'p95 cpu':>9}  status")
    for timings in results:
        print(timings.row())
    print(
        f"(demo data: {args.members} members, group of {demo.group.placements.count()}; "
        f"load average {before:.1f} before, {os.getloadavg()[0]:.1f} after; data in {data})"
    )
    return 0


def _serve_and_measure(
    env: dict[str, str], session: str, csrf: str, world: Any, demo: Any, rounds: int
) -> list[Timings]:
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "natverk", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(port, time.monotonic() + 60)
        return _measure(Client(port, session, csrf), world, demo, rounds, port)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _measure(client: Client, world: Any, demo: Any, rounds: int, port: int | None) -> list[Timings]:
    from natverk.accounts.demo import DEMO_SLUG
    from natverk.meetings.models import Meeting, OpeningTurn, ParkingQuestion

    meeting = demo.next
    base = f"/o/{DEMO_SLUG}/meetings/{meeting.pk}/"
    members = [p.application_id for p in meeting.group.placements.order_by("pk")]
    client.request("GET", base + "run/")  # warm up: templates, catalogues, connections
    client.request("POST", base + "run/start/")
    results: list[Timings] = []

    def action(name: str, step: Callable[[int, Timings], None]) -> None:
        timings = Timings(name)
        for k in range(rounds):
            step(k, timings)
        results.append(timings)

    def state(k: int, t: Timings) -> None:
        version = Meeting.objects.values_list("run_version", flat=True).get(pk=meeting.pk)
        client.timed(t, "GET", f"{base}run/state/?v={version - (k % 2)}")

    def go_on(k: int, t: Timings) -> None:
        Meeting.objects.filter(pk=meeting.pk).update(block=0)
        client.timed(t, "POST", base + "run/next/", {"shown": 0})

    def next_turn(k: int, t: Timings) -> None:
        running = OpeningTurn.objects.filter(
            meeting=meeting, started_at__isnull=False, ended_at__isnull=True
        ).first()
        if k % len(members) == 0:
            OpeningTurn.objects.filter(meeting=meeting).update(started_at=None, ended_at=None)
            running = None
        shown = running.application_id if running else ""
        client.timed(t, "POST", base + "run/turn/next/", {"shown": shown})

    parked = Timings("park a question")

    def park_and_resolve(k: int, t: Timings) -> None:
        # Park, then resolve, then remove the question (untimed): the meeting keeps the
        # demo's few questions instead of piling up hundreds.
        client.timed(parked, "POST", base + "questions/", {"text": f"Fråga {k}"})
        question = ParkingQuestion.objects.filter(meeting=meeting, text=f"Fråga {k}").get()
        client.timed(t, "POST", f"{base}questions/{question.pk}/resolve/", {"answer": "Svar"})
        question.delete()

    # The floor: the server's own cost for a logged-in request that does next to nothing.
    action("baseline: GET / (redirect)", lambda k, t: client.timed(t, "GET", "/"))
    action("run view (whole page)", lambda k, t: client.timed(t, "GET", base + "run/"))
    action("poll: state unchanged (204) / changed", state)
    statuses = ("present", "late", "absent", "present")
    action(
        "attendance tap",
        lambda k, t: client.timed(
            t,
            "POST",
            base + "run/attendance/",
            {"application": members[k % len(members)], "status": statuses[k % 4]},
        ),
    )
    action("go on to the next block", go_on)
    action("opening round: next person", next_turn)
    action("resolve a question", park_and_resolve)
    results.insert(-1, parked)

    if port is None:
        return results
    # Two devices poll while a third taps attendance: the taps' latency under polling.
    stop = threading.Event()
    polled = Timings("poll, 2 devices (while tapping)")
    pollers = [
        threading.Thread(
            target=_polling,
            args=(Client(port, *_cookies(client)), base + "run/state/", meeting.pk, stop, polled),
        )
        for _ in range(2)
    ]
    for thread in pollers:
        thread.start()
    action(
        "attendance tap while 2 devices poll",
        lambda k, t: client.timed(
            t,
            "POST",
            base + "run/attendance/",
            {"application": members[k % len(members)], "status": statuses[k % 4]},
        ),
    )
    stop.set()
    for thread in pollers:
        thread.join()
    results.append(polled)
    return results


def _cookies(client: Client) -> tuple[str, str]:
    session = client.cookie.split(";")[0].split("=", 1)[1]
    return session, client.csrf


if __name__ == "__main__":
    sys.exit(main())
