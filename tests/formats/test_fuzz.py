"""Every reader, fed random bytes, random CSV/XLSX/MDGPLIB structure and mutated real
samples, returns a result or raises a FormatError: within a time bound (the example
deadline), a memory bound (tracemalloc's peak), and without writing a file."""

from __future__ import annotations

import contextlib
import tempfile
import tracemalloc
from collections.abc import Callable
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natverk.cohorts import generate_cohort, write_form_csv, write_form_xlsx
from natverk.formats.applicants import read_applicants
from natverk.formats.errors import FormatError
from natverk.formats.people import read_history, read_people
from natverk.formats.scores import read_csv_matrix, read_mdgplib
from natverk.formats.tables import read_table
from tests.formats.hostile import column_name, xlsx

SHARED_FORMATS = Path(__file__).resolve().parents[2].parent / "shared" / "formats"
EMAILS = [f"p{k}@example.org" for k in range(6)]
HEADERS = [
    "Namn,E-post,Vad hoppas du få ut?,Vad kan du bidra med?,När kan du träffas?,Yrke",
    "Namn;E-post;Avdelning;Hemgrupp;Språk;Samtalsledare;Paus",
    "round,room,name,email",
    "",
]
READERS: dict[str, Callable[[Path], object]] = {
    "table": read_table,
    "applicants": read_applicants,
    "people": read_people,
    "history": lambda path: read_history(path, EMAILS),
    "csv_matrix": read_csv_matrix,
    "mdgplib": read_mdgplib,
}
FUZZ = settings(
    max_examples=150,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def run_reader(reader: str, data: bytes, suffix: str) -> None:
    """Read ``data`` from a fresh folder: a result or a FormatError, bounded memory, and
    the folder holds nothing but the input afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        tracemalloc.start()
        try:
            with contextlib.suppress(FormatError):
                READERS[reader](path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 48 * 1024 * 1024 + 60 * len(data), f"{peak / 1e6:.0f} MB"
        assert [p.name for p in Path(folder).iterdir()] == [path.name]


@pytest.fixture(scope="module", autouse=True)
def _warm_caches() -> None:
    """Build the taxonomy and topic indexes once, so the memory bound measures reading."""
    for data in _samples()[:3]:
        for reader in READERS:
            run_reader(reader, data, ".csv")


@cache
def _samples() -> list[bytes]:
    """Real samples from shared/formats and files generated like real exports."""
    with tempfile.TemporaryDirectory() as folder:
        cohort = generate_cohort(12, seed=5)
        write_form_csv(cohort, Path(folder) / "svar.csv", lang="sv")
        write_form_xlsx(cohort, Path(folder) / "svar.xlsx", lang="da")
        made = [(Path(folder) / name).read_bytes() for name in ("svar.csv", "svar.xlsx")]
    people = "Namn;E-post;Avdelning\n" + "".join(f"P{k};{e};HR\n" for k, e in enumerate(EMAILS))
    rounds = "round,room,name,email\n" + "".join(
        f"1,R{k % 2},P{k},{e}\n" for k, e in enumerate(EMAILS)
    )
    mdgp = "4 2 ss 2 2 2 2\n" + "".join(
        f"{i} {j} {i + j}.5\n" for i in range(4) for j in range(i + 1, 4)
    )
    made += [people.encode("cp1252"), rounds.encode(), mdgp.encode(), b",a,b\na,0,1\nb,1,0\n"]
    real = sorted(p for p in SHARED_FORMATS.rglob("*") if p.suffix in (".csv", ".vcf", ".vtt"))
    return made + [p.read_bytes()[:20_000] for p in real]


cells = st.lists(
    st.sampled_from(list('ab å,;\t"\r\n=@+-xÅÖé') + ["p1@example.org", "\x00", "\ufeff"]),
    max_size=12,
).map("".join)
csv_files = st.builds(
    lambda header, rows, delimiter, encoding: (
        header + "\n" + "\n".join(delimiter.join(r) for r in rows)
    ).encode(encoding, errors="replace"),
    st.sampled_from(HEADERS),
    st.lists(st.lists(cells, max_size=7), max_size=8),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"]),
)
xml_text = st.lists(st.sampled_from(list("ab1 .<>&\"'") + ["&amp;", "Å"]), max_size=8).map("".join)
xlsx_cells = st.lists(
    st.tuples(
        st.integers(1, 300),
        st.integers(1, 1_100_000),
        st.sampled_from(["inlineStr", "s", "n", "b", "str", "e", "d", "x"]),
        xml_text,
        st.integers(-1, 5),
    ),
    max_size=25,
)


def _sheet(cell_list: list[tuple[int, int, str, str, int]]) -> str:
    parts = []
    for column, row, kind, value, style in sorted(cell_list, key=lambda c: (c[1], c[0])):
        text = value.replace("&", "&amp;").replace("<", "&lt;")
        inner = f"<is><t>{text}</t></is>" if kind == "inlineStr" else f"<v>{text}</v>"
        ref = f"{column_name(column)}{row}"
        parts.append(f'<row r="{row}"><c r="{ref}" t="{kind}" s="{style}">{inner}</c></row>')
    return f"<worksheet><sheetData>{''.join(parts)}</sheetData></worksheet>"


xlsx_files = st.builds(
    lambda cell_list, shared: xlsx(
        _sheet(cell_list), shared=f"<sst>{''.join(f'<si><t>{s}</t></si>' for s in shared)}</sst>"
    ),
    xlsx_cells,
    st.lists(st.sampled_from(["Namn", "E-post", "a@b.se", "x"]), max_size=5),
)
number = st.one_of(
    st.integers(-3, 12).map(str),
    st.sampled_from(["1e308", "nan", "-inf", "x", "", "2.5", "99999999999"]),
)
mdgplib_files = st.builds(
    lambda head, lines: (" ".join(head) + "\n" + "\n".join(" ".join(x) for x in lines)).encode(),
    st.lists(number, min_size=0, max_size=8),
    st.lists(st.lists(number, max_size=4), max_size=12),
)


@st.composite
def mutated_samples(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(_samples())))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        op = draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=20))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 50))]
        else:
            del data[at:]
    return bytes(data)


@pytest.mark.parametrize("reader", sorted(READERS))
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
@FUZZ
def test_reader_survives_random_bytes(reader: str, data: bytes, suffix: str) -> None:
    run_reader(reader, data, suffix)


@pytest.mark.parametrize("reader", sorted(READERS))
@given(data=csv_files)
@FUZZ
def test_reader_survives_random_csv(reader: str, data: bytes) -> None:
    run_reader(reader, data, ".csv")


@pytest.mark.parametrize("reader", sorted(READERS))
@given(data=xlsx_files)
@settings(FUZZ, max_examples=60)
def test_reader_survives_random_xlsx(reader: str, data: bytes) -> None:
    run_reader(reader, data, ".xlsx")


@pytest.mark.parametrize("reader", sorted(READERS))
@given(data=mdgplib_files)
@FUZZ
def test_reader_survives_random_mdgplib(reader: str, data: bytes) -> None:
    run_reader(reader, data, ".txt")


@pytest.mark.parametrize("reader", sorted(READERS))
@given(data=mutated_samples(), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
@FUZZ
def test_reader_survives_mutated_samples(reader: str, data: bytes, suffix: str) -> None:
    run_reader(reader, data, suffix)
