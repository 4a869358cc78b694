"""A poll at a big open event: 300 people answer within 10 seconds, over real HTTP.

Sets up a throwaway SQLite database (WAL, as natverk runs it) with an event and an open
poll, starts the server in its own process, and sends 300 phones: each arrives at its
moment in the 10 s window (evenly spread), loads the poll page (GET: the CSRF and device
cookies), answers (POST), then tries to answer again (which must be refused). A shared
screen polls the results twice a second as the page does. Reports latency per request
kind, errors, votes stored (no lost and no double votes) and how long after the last
vote the screen showed all of them.

    .venv/bin/python bench/poll.py [--people 300] [--seconds 10] [--server serve|runserver]

The server is ``natverk serve`` (gunicorn, its default workers) or, with ``--server
runserver``, Django's development server (one process, a thread per request).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _setup(env: dict[str, str]) -> tuple[str, str]:
    """Migrate, make an event with an open poll; returns the poll code and a leader session."""
    script = """
import datetime as dt
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from natverk.accounts import actions as accounts
from natverk.accounts.models import Role, User
from natverk.live.access import Owner
from natverk.live.actions import events, polls
call_command("migrate", verbosity=0)
org = accounts.create_organisation(name="Bench", slug="bench")
leader = User.objects.create_user("lea@bench.example.org", "bench-password-1", name="Lea")
accounts.add_member(org, leader, Role.LEADER)
start = timezone.now() + dt.timedelta(minutes=5)
event = events.create_event(org, by=leader, theme="Tema", starts_at=start,
                            ends_at=start + dt.timedelta(hours=1), capacity=1000)
poll = polls.open_poll(polls.create_poll(Owner(event=event), question="Vilket tema?",
                       kind="single", options=["A", "B", "C", "D"]))
polls.show_results(poll, True)
client = Client()
client.force_login(leader)
print(poll.code, poll.pk, client.cookies["sessionid"].value)
"""
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True
    )
    code, poll_id, session = out.stdout.split()[-3:]
    return code, f"{poll_id} {session}"


def _start_server(kind: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    if kind == "serve":  # natverk serve: gunicorn with its default workers, no task worker
        command = [sys.executable, "-m", "natverk", "serve", "--port", str(port), "--no-worker"]
        command += ["--no-access-log"]
    else:
        command = [sys.executable, "-m", "natverk", "runserver", "--noreload", f"127.0.0.1:{port}"]
    log = (Path(env["NATVERK_DATA_DIR"]) / "server.log").open("wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=log)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5)
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the server did not start")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        return None


class Phone:
    """One person's phone: its own cookies; it opens the poll, answers (and loads the page
    it is sent to), polls the results as the page does, and tries to answer again."""

    def __init__(self, base: str, code: str, choice: int) -> None:
        self.base = base
        self.url = f"{base}/p/{code}/"
        self.choice = choice
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        self.times: list[tuple[str, float, int]] = []
        self.token = ""
        self.voted_at = 0.0

    def _timed(self, kind: str, request: urllib.request.Request) -> str:
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                body = response.read().decode()
                status = response.status
        except urllib.error.HTTPError as exc:
            body, status = exc.read().decode(), exc.code
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            body, status = "", 0
        self.times.append((kind, time.perf_counter() - start, status))
        return body

    def open_page(self) -> None:
        page = self._timed("GET poll page", urllib.request.Request(self.url))
        found = CSRF.search(page)
        self.token = found.group(1) if found else ""

    def _post(self, choice: int) -> urllib.request.Request:
        data = {"csrfmiddlewaretoken": self.token, "answer": str(choice)}
        return urllib.request.Request(self.url, data=urllib.parse.urlencode(data).encode())

    def answer(self, until: float, every: float) -> None:
        self._timed("POST answer", self._post(self.choice))
        self.voted_at = time.perf_counter()
        page = self._timed("GET page after answering", urllib.request.Request(self.url))
        found = re.search(r'id="answer-results".*?data-version="([^"]+)"', page, re.DOTALL)
        version = found.group(1) if found else ""
        while time.perf_counter() + every < until:  # the page's results, polled
            time.sleep(every)
            url = f"{self.url}results/?v={urllib.parse.quote(version)}"
            body = self._timed("GET results (phone)", urllib.request.Request(url))
            found = re.search(r'data-version="([^"]+)"', body)
            version = found.group(1) if found else version

    def answer_again(self) -> None:
        self._timed("POST second answer", self._post((self.choice + 1) % 4))


def _spread(phones: list[Phone], seconds: float, work: Callable[[Phone], None]) -> None:
    """Start each phone's work at its moment, evenly over ``seconds``; wait for all."""
    start = time.perf_counter()
    threads = []
    for k, phone in enumerate(phones):
        time.sleep(max(0.0, start + seconds * k / len(phones) - time.perf_counter()))
        thread = threading.Thread(target=work, args=(phone,))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()


def _screen(base: str, poll_id: str, session: str, people: int, stop: threading.Event) -> float:
    """Poll the results as the shared screen does; returns when it first showed everyone."""
    opener = urllib.request.build_opener()
    opener.addheaders = [("Cookie", f"sessionid={session}")]
    version = ""
    while not stop.is_set():
        url = f"{base}/o/bench/polls/{poll_id}/results/?v={urllib.parse.quote(version)}"
        with opener.open(url, timeout=30) as response:
            body = response.read().decode()
        found = re.search(r'data-version="([^"]+)"', body)
        if found:
            version = found.group(1)
        if version.startswith(f"{people}:"):
            return time.perf_counter()
        stop.wait(0.5)
    return float("nan")


def _cpu_seconds(pid: int) -> float:
    """CPU time of a process and all its descendants (gunicorn's workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(stat.parent.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    family, grew = {pid}, True
    while grew:
        more = {p for p, (parent, _cpu) in stats.items() if parent in family} - family
        family |= more
        grew = bool(more)
    return sum(stats[p][1] for p in family if p in stats)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--server", choices=["serve", "runserver"], default="serve")
    parser.add_argument(
        "--phone-poll", type=float, default=4.0, help="seconds between a phone's result polls"
    )
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="natverk-bench-poll-")
    env = os.environ | {
        "NATVERK_DEBUG": "1",
        "NATVERK_DATA_DIR": data,
        "DJANGO_SETTINGS_MODULE": "natverk.site.settings",
        "PYTHONPATH": str(ROOT / "src"),
    }
    code, rest = _setup(env)
    poll_id, session = rest.split()
    port = _free_port()
    server = _start_server(args.server, port, env)
    base = f"http://127.0.0.1:{port}"
    try:
        phones = [Phone(base, code, k % 4) for k in range(args.people)]
        _spread(phones, args.seconds, Phone.open_page)  # the QR code goes up; people open it
        cpu_before = _cpu_seconds(server.pid)
        stop = threading.Event()
        seen: list[float] = []
        screen = threading.Thread(
            target=lambda: seen.append(_screen(base, poll_id, session, args.people, stop))
        )
        screen.start()
        start = time.perf_counter()
        until = start + args.seconds + 3.0
        _spread(phones, args.seconds, lambda phone: phone.answer(until, args.phone_poll))
        last_vote = max(phone.voted_at for phone in phones)
        window = time.perf_counter() - start
        cpu = _cpu_seconds(server.pid) - cpu_before
        screen.join(timeout=30)
        stop.set()
        for phone in phones:
            phone.answer_again()
    finally:
        server.terminate()
        server.wait(timeout=30)
    elapsed = last_vote - start
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from natverk.live.models import Vote; "
            "print(Vote.objects.count())",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    stored = int(check.stdout.split()[-1])
    samples = [t for phone in phones for t in phone.times]
    print(
        f"server: {args.server}; {args.people} people within {args.seconds:.0f} s "
        f"(all answered after {elapsed:.1f} s)\n"
    )
    print("| request | n | p50 ms | p95 ms | p99 ms | max ms | statuses |")
    print("|---|---|---|---|---|---|---|")
    kinds = (
        "GET poll page",
        "POST answer",
        "GET page after answering",
        "GET results (phone)",
        "POST second answer",
    )
    for kind in kinds:
        times = [t * 1000 for k, t, _s in samples if k == kind]
        if not times:
            continue
        statuses = Counter(s for k, _t, s in samples if k == kind)
        print(
            f"| {kind} | {len(times)} | {statistics.median(times):.0f} | "
            f"{_percentile(times, 0.95):.0f} | {_percentile(times, 0.99):.0f} | "
            f"{max(times):.0f} | {dict(sorted(statuses.items()))} |"
        )
    lag = seen[0] - last_vote if seen and seen[0] == seen[0] else float("nan")
    answered = sum(1 for k, _t, s in samples if k == "POST answer" and s == 302)
    print(
        f"\nvotes stored: {stored} of {answered} accepted answers "
        f"({args.people} people); second answers accepted: "
        f"{sum(1 for k, _t, s in samples if k == 'POST second answer' and s != 400)}"
    )
    print(f"screen showed every vote {max(lag, 0.0):.2f} s after the last answer returned")
    during = sum(1 for phone in phones for k, _t, _s in phone.times if k != "GET poll page")
    print(
        f"server CPU while answering: {cpu:.1f} s over {window:.1f} s "
        f"({1000 * cpu / max(during, 1):.1f} ms per request, {during} requests); "
        f"load average before: {os.getloadavg()[0]:.1f}"
    )
    posts = [t for k, t, _s in samples if k == "POST answer"]
    ok = stored == args.people == answered and _percentile(posts, 0.95) < 0.3
    if ok:
        shutil.rmtree(data, ignore_errors=True)
    else:
        print(f"server log: {data}/server.log")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
