"""A mixed load on `natverk serve` with the 10,000-member demo, at bounded concurrency.

    .venv/bin/python bench/load.py                                  # SQLite
    .venv/bin/python tools/with_postgres.py -- .venv/bin/python bench/load.py   # PostgreSQL
    .venv/bin/python bench/load.py --rate 150       # open loop: 150 arrivals a second

Sets up a data directory (SQLite, or the server in DATABASE_URL), migrates, loads the
demo with ``natverk load_demo --members N`` (timed), signs in the leader and a few
hundred members by writing their sessions, starts ``natverk serve`` (production
settings: DEBUG off, static files collected) on a free loopback port, and drives it
with a closed-loop asyncio client (aiohttp): ``--concurrency`` requests always in
flight, each one a page drawn from the weighted mix below, for ``--seconds`` after a
warm-up. Prints requests, req/s, p50/p95/p99 and errors per page and overall, the p95
of each 10 s of the run, then stops the server with SIGTERM. Only 127.0.0.1 is ever
requested.

``--rate R`` drives it open-loop instead: requests arrive R a second (Poisson, seeded)
whatever the server's pace, at most ``--concurrency`` in flight, and each latency counts
from the request's arrival, waiting for a free connection included. The closed loop
measures the most the server can do (there every latency is about concurrency / req/s,
Little's law); the open loop measures the latency users see at a given load, the form in
which a target like "150 req/s at p95 under 300 ms" is stated.

The warm-up is 20 s: a fresh data directory's caches (member panels, calendar files,
affinity models, each web process's templates) fill in the first 10-15 s under this
load, and the table is of the server after that. ``--warmup 5`` measures the cold
start; the p95 of its first 10 s shows it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
SLUG = "akademikerna"


@dataclass(frozen=True)
class Request:
    """One request of the mix, ready to send."""

    method: str
    path: str
    cookies: str
    data: dict[str, str] | None = None
    csrf: str = ""
    expect: int = 200


@dataclass(frozen=True)
class Page:
    """A kind of page, its share of the requests and how to build one request."""

    name: str
    weight: int
    build: Callable[[random.Random], Request] | None
    note: str = ""


@dataclass
class World:
    """Sessions and object ids read from the loaded database."""

    leader: str
    members: list[tuple[str, list[int]]]  # (cookie, group ids)
    programs: list[int]
    applications: list[tuple[int, int]]  # (program id, application id)
    previews: list[tuple[int, int, int]]  # (program id, member application id, group id)
    poll_code: str  # an open poll of an open themed event, answered from phones
    csrf: str = field(default_factory=lambda: secrets.token_hex(16))


def _env(data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "NATVERK_DEBUG": "0",
        "NATVERK_SECRET_KEY": "bench-" + "k3Vq9Zr2Lm7Tx4Wp8Ns1Hb6Jd0Fy5Gc3Ua9Ro2Ei7Kt4Qw8",
        "NATVERK_DATA_DIR": str(data_dir),
        "NATVERK_ALLOWED_HOSTS": "127.0.0.1",
        "NATVERK_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "natverk.site.settings",
    }


def _natverk(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "natverk", *args], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"natverk {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def _session(user: object) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)  # type: ignore[attr-defined]
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()  # type: ignore[attr-defined]
    store.create()
    return f"sessionid={store.session_key}"


def read_world(members: int, seed: int = 1) -> World:
    """Sign people in (sessions written to the database) and pick the objects to request."""
    import django

    django.setup()
    from django.db import connection

    from natverk.accounts.demo import LEADER_EMAIL
    from natverk.accounts.models import User
    from natverk.programs.models import Application, Group, GroupMember

    rng = random.Random(seed)
    leader = User.objects.get(email=LEADER_EMAIL)
    in_groups: dict[int, list[int]] = {}
    for user_id, group_id in GroupMember.objects.filter(
        group__program__organisation__slug=SLUG, group__program__published_at__isnull=False
    ).values_list("application__user_id", "group_id"):
        in_groups.setdefault(user_id, []).append(group_id)
    chosen = rng.sample(sorted(in_groups), min(members, len(in_groups)))
    people = {u.pk: u for u in User.objects.filter(pk__in=chosen)}
    member_sessions = [(_session(people[pk]), in_groups[pk]) for pk in chosen]
    programs = sorted(
        {g.program_id for g in Group.objects.filter(program__organisation__slug=SLUG)}
    )
    applications = list(
        Application.objects.filter(program_id__in=programs).values_list("program_id", "id")
    )
    previews = []
    for program_id in programs[:10]:
        groups = list(Group.objects.filter(program_id=program_id).values_list("id", flat=True))
        for member in GroupMember.objects.filter(group__program_id=program_id)[:20]:
            target = rng.choice([g for g in groups if g != member.group_id])
            previews.append((program_id, member.application_id, target))
    world = World(
        _session(leader), member_sessions, programs, applications, previews, _open_poll(leader)
    )
    connection.close()
    return world


def _open_poll(leader: object) -> str:
    """An open themed event with an open poll (four choices): the code phones answer."""
    import datetime as dt

    from django.utils import timezone

    from natverk.accounts.models import Organisation
    from natverk.live.access import Owner
    from natverk.live.actions import events, polls

    start = timezone.now() + dt.timedelta(minutes=5)
    event = events.create_event(
        Organisation.objects.get(slug=SLUG),
        by=leader,  # type: ignore[arg-type]
        theme="Lastprov",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        capacity=1000,
    )
    poll = polls.create_poll(
        Owner(event=event), question="Vilket tema?", kind="single", options=["A", "B", "C", "D"]
    )
    return polls.open_poll(poll).code


def pages(world: World, css: str) -> list[Page]:
    """The mix: mostly members looking at their groups, some leaders at work."""
    leader = world.leader
    org = f"/o/{SLUG}"

    def member(rng: random.Random) -> tuple[str, list[int]]:
        return rng.choice(world.members)

    def program(rng: random.Random) -> int:
        return rng.choice(world.programs)

    def application(rng: random.Random) -> Request:
        program_id, app_id = rng.choice(world.applications)
        return Request("GET", f"{org}/programs/{program_id}/applications/{app_id}/", leader)

    def preview(rng: random.Random) -> Request:
        program_id, app_id, group_id = rng.choice(world.previews)
        data = {"member": str(app_id), "target": f"group:{group_id}"}
        path = f"{org}/programs/{program_id}/groups/preview/"
        return Request("POST", path, leader, data, world.csrf)

    def poll_answer(rng: random.Random) -> Request:
        # A phone without an account at the event: a new device each time, one answer.
        data = {"answer": str(rng.randrange(4))}
        return Request("POST", f"/p/{world.poll_code}/", "", data, world.csrf, expect=302)

    def calendar(rng: random.Random) -> Request:
        cookie, groups = member(rng)
        return Request("GET", f"{org}/groups/{rng.choice(groups)}/calendar.ics", cookie)

    return [
        Page("member: organisation page", 32, lambda r: Request("GET", f"{org}/", member(r)[0])),
        Page("member: profile", 10, lambda r: Request("GET", "/accounts/profile/", member(r)[0])),
        Page("member: calendar (.ics)", 15, calendar),
        Page("login page (anonymous)", 4, lambda r: Request("GET", "/accounts/login/", "")),
        Page("static file (css)", 6, lambda r: Request("GET", css, "")),
        Page("leader: organisation page", 8, lambda r: Request("GET", f"{org}/", leader)),
        Page("leader: program list", 5, lambda r: Request("GET", f"{org}/programs/", leader)),
        Page(
            "leader: program page",
            8,
            lambda r: Request("GET", f"{org}/programs/{program(r)}/", leader),
        ),
        Page("leader: application", 5, application),
        Page(
            "leader: group editor",
            2,
            lambda r: Request("GET", f"{org}/programs/{program(r)}/groups/", leader),
        ),
        Page("leader: group editor preview (POST)", 4, preview),
        Page("phone: poll answer at an event (POST)", 4, poll_answer),
    ]


@dataclass
class Tally:
    """Latencies (seconds) and errors of one page."""

    latencies: list[float] = field(default_factory=list)
    finished: list[float] = field(default_factory=list)  # perf_counter at each answer
    errors: int = 0
    statuses: dict[str, int] = field(default_factory=dict)


async def _one(
    session: aiohttp.ClientSession,
    base: str,
    request: Request,
    tally: Tally,
    started: float | None = None,
) -> None:
    """Send one request and tally its latency, from ``started`` (its due time at a fixed
    rate: waiting for a free connection counts) or from now."""
    headers = {"Cookie": request.cookies}
    if request.csrf:
        headers["Cookie"] = f"{request.cookies}; csrftoken={request.csrf}"
        headers["X-CSRFToken"] = request.csrf
        headers["HX-Request"] = "true"
    if started is None:
        started = time.perf_counter()
    try:
        async with session.request(
            request.method,
            base + request.path,
            data=request.data,
            headers=headers,
            allow_redirects=False,
        ) as response:
            await response.read()
            status = response.status
    except (aiohttp.ClientError, TimeoutError) as exc:
        status, key = 0, type(exc).__name__
    else:
        key = str(status)
    tally.finished.append(time.perf_counter())
    tally.latencies.append(tally.finished[-1] - started)
    tally.statuses[key] = tally.statuses.get(key, 0) + 1
    if status != request.expect:
        tally.errors += 1


def _mix_tallies(mix: list[Page]) -> tuple[list[Page], list[float], dict[str, Tally]]:
    """The pages that can be requested, their weights, and an empty tally per page."""
    live = [p for p in mix if p.weight > 0 and p.build is not None]
    return live, [p.weight for p in live], {p.name: Tally() for p in mix}


def _client(concurrency: int) -> aiohttp.ClientSession:
    """A client with at most ``concurrency`` connections, no cookie jar (each request
    carries its own session cookie) and a 30 s limit a request."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=concurrency),
        timeout=aiohttp.ClientTimeout(total=30),
        cookie_jar=aiohttp.DummyCookieJar(),
    )


def _since(tallies: dict[str, Tally], started: float) -> dict[str, Tally]:
    """The tallies with their finishing times counted from ``started``."""
    for tally in tallies.values():
        tally.finished = [t - started for t in tally.finished]
    return tallies


async def drive(
    base: str, mix: list[Page], *, seconds: float, concurrency: int, seed: int
) -> tuple[dict[str, Tally], float]:
    """Keep ``concurrency`` requests in flight for ``seconds``; returns tallies and time."""
    live, weights, tallies = _mix_tallies(mix)
    async with _client(concurrency) as session:
        deadline = time.perf_counter() + seconds

        async def user(k: int) -> None:
            rng = random.Random(seed * 1000 + k)
            while time.perf_counter() < deadline:
                page = rng.choices(live, weights)[0]
                assert page.build is not None
                await _one(session, base, page.build(rng), tallies[page.name])

        started = time.perf_counter()
        await asyncio.gather(*(user(k) for k in range(concurrency)))
        elapsed = time.perf_counter() - started
    return _since(tallies, started), elapsed


async def drive_rate(
    base: str, mix: list[Page], *, seconds: float, rate: float, concurrency: int, seed: int
) -> tuple[dict[str, Tally], float]:
    """Open loop: requests arrive at ``rate`` a second on average (Poisson), whatever the
    server's pace, with at most ``concurrency`` in flight; each latency runs from the
    request's arrival, so a server that falls behind shows it (no coordinated omission)."""
    live, weights, tallies = _mix_tallies(mix)
    rng = random.Random(seed)
    slots = asyncio.Semaphore(concurrency)
    async with _client(concurrency) as session:

        async def arrive(request: Request, tally: Tally, due: float) -> None:
            async with slots:
                await _one(session, base, request, tally, started=due)

        started = time.perf_counter()
        due, sent = started, []
        while due < started + seconds:
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            page = rng.choices(live, weights)[0]
            assert page.build is not None
            sent.append(asyncio.create_task(arrive(page.build(rng), tallies[page.name], due)))
            due += rng.expovariate(rate)
        await asyncio.gather(*sent)
        elapsed = time.perf_counter() - started
    return _since(tallies, started), elapsed


async def alone(base: str, mix: list[Page], *, count: int, server: int) -> str:
    """Each page ``count`` times, one request at a time: the server's CPU and the
    latency of a page with no queue in front of it (a table)."""
    lines = [
        "| page (one at a time) | server CPU ms | latency ms (median) |",
        "|---|---:|---:|",
    ]
    rng = random.Random(7)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        for page in mix:
            if page.build is None:
                continue
            tally = Tally()
            await _one(session, base, page.build(rng), tally)  # warm
            tally = Tally()
            cpu = tree_cpu_seconds(server)
            for _ in range(count):
                await _one(session, base, page.build(rng), tally)
            cpu = (tree_cpu_seconds(server) - cpu) * 1000 / count
            lines.append(f"| {page.name} | {cpu:.1f} | {_percentile(tally.latencies, 0.5):.0f} |")
    return "\n".join(lines)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def _row(name: str, latencies: list[float], errors: str, elapsed: float) -> str:
    cells = [f"{_percentile(latencies, q):.0f}" for q in (0.5, 0.95, 0.99)]
    n = len(latencies)
    return f"| {name} | {n} | {n / elapsed:.1f} | {' | '.join(cells)} | {errors} |"


def table(mix: list[Page], tallies: dict[str, Tally], elapsed: float) -> str:
    """The result as a Markdown table."""
    lines = [
        "| page | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    every: list[float] = []
    errors = 0
    for page in mix:
        tally = tallies[page.name]
        if page.build is None:
            lines.append(f"| {page.name} | – | – | – | – | – | {page.note} |")
            continue
        every += tally.latencies
        errors += tally.errors
        bad = f" {dict(sorted(tally.statuses.items()))}" if tally.errors else ""
        lines.append(_row(page.name, tally.latencies, f"{tally.errors}{bad}", elapsed))
    lines.append(_row("**all**", every, f"**{errors}**", elapsed))
    return "\n".join(lines)


def by_window(tallies: dict[str, Tally], elapsed: float, width: float = 10.0) -> str:
    """The p95 of every request answered in each ``width``-second window: a cold start
    (caches filling) shows as early windows slower than the later ones."""
    windows: list[list[float]] = [[] for _ in range(max(1, int(elapsed // width + 1)))]
    for tally in tallies.values():
        for at, latency in zip(tally.finished, tally.latencies, strict=True):
            windows[min(len(windows) - 1, int(at // width))].append(latency)
    cells = [f"{_percentile(w, 0.95):.0f}" for w in windows if w]
    return f"p95 ms by {width:.0f} s of the run: {', '.join(cells)}"


def _processes() -> list[tuple[int, str, int, int]]:
    """Every running process as (pid, name, parent pid, CPU ticks user + system)."""
    found: list[tuple[int, str, int, int]] = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        name = text[text.index("(") + 1 : text.rindex(")")]
        found.append(
            (int(stat.parent.name), name, int(fields[1]), int(fields[11]) + int(fields[12]))
        )
    return found


def tree_cpu_seconds(root: int) -> float:
    """CPU seconds (user + system) used so far by a process and all its descendants."""
    processes = _processes()
    parents = {pid: parent for pid, _name, parent, _ticks in processes}
    ticks = {pid: used for pid, _name, _parent, used in processes}
    tree, frontier = {root}, [root]
    while frontier:
        children = [p for p, parent in parents.items() if parent in frontier and p not in tree]
        tree.update(children)
        frontier = children
    return sum(ticks.get(p, 0) for p in tree) / os.sysconf("SC_CLK_TCK")


def named_cpu_ticks(name: str) -> dict[int, int]:
    """CPU ticks (user + system) used so far by each running process called ``name``."""
    return {pid: used for pid, called, _parent, used in _processes() if called == name}


class CpuWatch:
    """CPU seconds used by the processes called ``name`` while it runs (``postgres``: the
    database's share). Looks every 0.2 s, so a backend that ends in between (a
    connection past its age) takes at most its last 0.2 s with it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.first: dict[int, int] = named_cpu_ticks(name)
        self.last: dict[int, int] = dict(self.first)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.2):
            for pid, ticks in named_cpu_ticks(self.name).items():
                self.first.setdefault(pid, 0)
                self.last[pid] = ticks

    def stop(self) -> float:
        """Stop watching; the CPU seconds used since the start."""
        self._stop.set()
        self._thread.join()
        used = sum(t - self.first.get(pid, 0) for pid, t in self.last.items())
        return used / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(base: str, server: subprocess.Popen[bytes], limit: float = 240) -> None:
    import urllib.request

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("natverk serve ended before it answered")
        try:
            with urllib.request.urlopen(base + "/accounts/login/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"natverk serve did not answer within {limit:.0f} s")


def _css_path(base: str) -> str:
    import re
    import urllib.request

    with urllib.request.urlopen(base + "/accounts/login/", timeout=5) as response:
        html = response.read().decode()
    match = re.search(r'href="(/static/[^"]+\.css)"', html)
    assert match, "no stylesheet on the login page"
    return match.group(1)


def _loaded_note(reused: bool, seconds: float) -> str:
    """How the data came to be loaded, for the table's heading."""
    return "loaded before" if reused else f"load_demo {seconds:.1f} s"


def _pace(rate: float | None, concurrency: int) -> str:
    if rate:
        return f"{rate:g} arrivals a second (Poisson), at most {concurrency} in flight,"
    return f"{concurrency} in flight"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=20, help="seconds before measuring")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument(
        "--rate",
        type=float,
        default=None,
        help="open loop: this many arrivals a second, at most --concurrency in flight "
        "(default: closed loop, --concurrency always in flight)",
    )
    parser.add_argument("--workers", type=int, default=None, help="web workers (serve's default)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, default=None, help="data directory to use")
    parser.add_argument(
        "--reuse", action="store_true", help="the data directory (and database) is loaded already"
    )
    parser.add_argument("--signed-in", type=int, default=300, help="members with a session")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--alone", type=int, default=20, help="then each page N times one at a time (0: skip)"
    )
    args = parser.parse_args()

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="natverk-load-"))
    env = _env(data_dir)
    os.environ.update(env)
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    started = time.perf_counter()
    if not args.reuse:
        _natverk(env, "migrate", "--no-input")
        _natverk(env, "load_demo", "--members", str(args.members))
    loaded = time.perf_counter() - started
    world = read_world(args.signed_in, args.seed)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "natverk", "serve", "--port", str(port)]
    command += ["--threads", str(args.threads), "--log-dir", str(data_dir / "log")]
    if args.workers:
        command += ["--workers", str(args.workers)]
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)  # noqa: S603
    try:
        _wait_until_up(base, server)
        mix = pages(world, _css_path(base))

        def run(seconds: float, seed: int) -> Coroutine[None, None, tuple[dict[str, Tally], float]]:
            if args.rate:
                return drive_rate(
                    base, mix, seconds=seconds, rate=args.rate, concurrency=args.concurrency,
                    seed=seed,
                )  # fmt: skip
            return drive(base, mix, seconds=seconds, concurrency=args.concurrency, seed=seed)

        asyncio.run(run(seconds=args.warmup, seed=0))
        load = os.getloadavg()[0]
        database_watch = CpuWatch("postgres") if database == "PostgreSQL" else None
        server_cpu, client_cpu = tree_cpu_seconds(server.pid), time.process_time()
        tallies, elapsed = asyncio.run(run(seconds=args.seconds, seed=args.seed))
        server_cpu = tree_cpu_seconds(server.pid) - server_cpu
        client_cpu = time.process_time() - client_cpu
        database_cpu = database_watch.stop() if database_watch else 0.0
        single = ""
        if args.alone:
            single = asyncio.run(alone(base, mix, count=args.alone, server=server.pid))
    finally:
        server.send_signal(signal.SIGTERM)
        _out, err = server.communicate(timeout=120)
    banner = err.decode(errors="replace").splitlines()[0] if err else ""
    print(
        f"{database}, {args.members} members ({_loaded_note(args.reuse, loaded)}), "
        f"{_pace(args.rate, args.concurrency)} for {elapsed:.0f} s after {args.warmup:.0f} s "
        f"warm-up; "
        f"{os.cpu_count()} cores, load average {load:.2f} at the start\n{banner}\n"
    )
    print(table(mix, tallies, elapsed))
    print(f"\n{by_window(tallies, elapsed)}")
    count = sum(len(t.latencies) for t in tallies.values())
    per_request = 1000 * server_cpu / max(1, count)
    print(
        f"\nServer CPU per request {per_request:.2f} ms (web workers and task worker), "
        f"client CPU per request {1000 * client_cpu / max(1, count):.2f} ms; "
        f"the server alone on {os.cpu_count()} free cores would serve about "
        f"{1000 * (os.cpu_count() or 1) / per_request:.0f} req/s."
    )
    if database == "PostgreSQL":
        print(f"PostgreSQL's processes: {1000 * database_cpu / max(1, count):.2f} ms per request.")
    if single:
        print(f"\n{single}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
