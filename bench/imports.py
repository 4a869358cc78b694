"""Time and peak memory of every natverk reader on the largest file it accepts.

Builds each kind of file as large as the limits allow (10 MiB by default, or the row
limit first), plus hostile files that must be refused, then reads each in a fresh
process and prints: file kind, size, rows read, seconds, peak RSS (whole process, from
``resource.getrusage``) and the RSS the imports alone take. CPU seconds
(``time.process_time``) say more than wall seconds on a shared machine. ``--mib 50 --fill``
raises NATVERK_MAX_IMPORT_BYTES and fills every file to 50 MiB, past the row limits.

    .venv/bin/python bench/imports.py
    .venv/bin/python bench/imports.py --mib 50 --fill
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests.formats.hostile: the hostile files


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _read(kind: str, path: Path) -> None:
    """Child process: import the reader, read the file, print one JSON line."""
    from natverk.formats.applicants import read_applicants
    from natverk.formats.errors import FormatError
    from natverk.formats.people import read_history, read_people
    from natverk.formats.scores import read_csv_matrix, read_mdgplib

    readers: dict[str, Callable[[Path], int]] = {
        "applicants": lambda p: len(read_applicants(p).applicants),
        "people": lambda p: len(read_people(p)),
        "history": lambda p: len(read_history(p, [f"p{k}@example.org" for k in range(1000)])),
        "csv-matrix": lambda p: read_csv_matrix(p)[0].shape[0],
        "mdgplib": lambda p: read_mdgplib(p).d.shape[0],
    }
    base = _rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    try:
        rows: int | str = readers[kind](path)
    except FormatError:
        rows = "refused"
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        json.dumps({"rows": rows, "seconds": seconds, "cpu": cpu, "peak": _rss_mb(), "base": base})
    )


def _fill(path: Path, header: str, row: Callable[[int], str], limit: int, rows: int) -> None:
    """Write ``header`` and rows until the next row would pass ``limit`` bytes or ``rows``."""
    size = len(header.encode())
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header)
        for k in range(rows):
            line = row(k)
            size += len(line.encode())
            if size > limit:
                break
            handle.write(line)


def _applicants(folder: Path, limit: int, rows: int) -> list[tuple[str, str, Path]]:
    from natverk.cohorts import generate_cohort, write_form_csv, write_form_xlsx

    cohort = generate_cohort(min(rows, limit // 200), seed=1)
    full = folder / "forms_full.csv"
    write_form_csv(cohort, full, lang="sv")
    lines = full.read_bytes().splitlines(keepends=True)
    kept, size = [], 0
    for line in lines[: rows + 1]:
        size += len(line)
        if size > limit:
            break
        kept.append(line)
    csv_path = folder / "forms.csv"
    csv_path.write_bytes(b"".join(kept))
    cp1252 = folder / "forms_cp1252.csv"
    text = csv_path.read_bytes().decode("utf-8-sig").replace(",", ";")
    cp1252.write_bytes(text.encode("cp1252", errors="replace")[:limit])
    xlsx_path = folder / "forms.xlsx"
    write_form_xlsx(cohort[:50_000], xlsx_path, lang="sv")
    return [
        ("applicants", "forms CSV (UTF-8)", csv_path),
        ("applicants", "forms CSV (cp1252, ;)", cp1252),
        ("applicants", "forms XLSX", xlsx_path),
    ]


def _people(folder: Path, limit: int, rows: int) -> list[tuple[str, str, Path]]:
    people = folder / "people.csv"
    _fill(
        people,
        "Namn,E-post,Avdelning,Hemgrupp,Språk\n",
        lambda k: f"Person {k},p{k}@example.org,Avdelning {k % 40},Grupp {k % 900},sv\n",
        limit,
        rows,
    )
    utf16 = folder / "people_utf16.txt"
    lines = people.read_text(encoding="utf-8").replace(",", "\t").splitlines(keepends=True)
    keep = min(len(lines), limit // (2 * max(len(line) for line in lines)))
    utf16.write_bytes("".join(lines[:keep]).encode("utf-16"))
    history = folder / "rounds.csv"
    _fill(
        history,
        "round,room,name,email\n",
        lambda k: f"{k // 1000 + 1},Runda – Rum {k % 200},Person {k},p{k % 1000}@example.org\n",
        limit,
        rows,
    )
    return [
        ("people", "people CSV", people),
        ("people", "people UTF-16 text", utf16),
        ("history", "rounds.csv history", history),
    ]


def _scores(folder: Path, limit: int) -> list[tuple[str, str, Path]]:
    import numpy as np

    rng = np.random.default_rng(1)
    n = min(4_000, int((limit / 7) ** 0.5))  # "0.1234," per value
    a = rng.random((n, n))
    d = (a + a.T) / 2
    matrix = folder / "scores.csv"
    with matrix.open("w", encoding="ascii") as handle:
        for row in d:
            handle.write(",".join(f"{v:.4f}" for v in row) + "\n")
    m = min(4_000, int((2 * limit / 18) ** 0.5))  # "i j 12.345\n"
    mdgp = folder / "instance.txt"
    with mdgp.open("w", encoding="ascii") as handle:
        handle.write(f"{m} 2 ss {m // 2} {m - m // 2} {m // 2} {m - m // 2}\n")
        for i in range(m):
            handle.write("".join(f"{i} {j} {100 * d[i % n, j % n]:.3f}\n" for j in range(i + 1, m)))
    return [("csv-matrix", "score matrix CSV", matrix), ("mdgplib", "MDGPLIB instance", mdgp)]


def _hostile(folder: Path) -> list[tuple[str, str, Path]]:
    from tests.formats.hostile import HOSTILE

    out = []
    for name, kind in (
        ("million_rows.csv", "people"),
        ("zip_bomb.xlsx", "applicants"),
        ("xfd1048576.xlsx", "applicants"),
        ("billion_laughs.xlsx", "applicants"),
    ):
        path = folder / name
        path.write_bytes(HOSTILE[name]())
        out.append((kind, f"hostile {name}", path))
    return out


def _make(folder: Path, limit: int, fill: bool) -> None:
    """Child process: build every file (the cohort takes memory the readers must not
    inherit: ru_maxrss survives fork and exec) and print their list as JSON. Files stop
    at the readers' row limits, or with ``fill`` at the byte limit (then refused)."""
    files = [
        *_applicants(folder, limit, 10**9 if fill else 50_000),
        *_people(folder, limit, 10**9 if fill else 100_000),
        *_scores(folder, limit),
        *_hostile(folder),
    ]
    print(json.dumps([(kind, label, str(path)) for kind, label, path in files]))


def _child(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mib", type=float, default=10.0, help="import limit and file size")
    parser.add_argument("--read", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--make", metavar="FOLDER", help=argparse.SUPPRESS)
    parser.add_argument(
        "--fill", action="store_true", help="fill files to the byte limit, past the row limits"
    )
    args = parser.parse_args()
    limit = int(args.mib * 1024 * 1024)
    if args.read:
        _read(args.read[0], Path(args.read[1]))
        return
    if args.make:
        _make(Path(args.make), limit, args.fill)
        return
    env = {**os.environ, "NATVERK_MAX_IMPORT_BYTES": str(limit)}
    with tempfile.TemporaryDirectory() as folder:
        make = ["--make", folder, "--mib", str(args.mib), *(["--fill"] if args.fill else [])]
        files = json.loads(_child(make, env))
        print(f"import limit {limit / 2**20:.0f} MiB (NATVERK_MAX_IMPORT_BYTES={limit})")
        head = ("file kind", "MB", "rows", "seconds", "CPU s", "peak RSS MB", "imports MB")
        print(
            f"{head[0]:28} {head[1]:>6} {head[2]:>8} {head[3]:>8} {head[4]:>6} {head[5]:>12} "
            f"{head[6]:>11}"
        )
        for kind, label, path in files:
            row = json.loads(_child(["--read", kind, path], env))
            print(
                f"{label:28} {Path(path).stat().st_size / 1e6:6.1f} {row['rows']!s:>8} "
                f"{row['seconds']:8.2f} {row['cpu']:6.2f} {row['peak']:12.0f} {row['base']:11.0f}"
            )


if __name__ == "__main__":
    main()
