"""Build the taxonomy data files shipped in the package from ../shared/taxonomy.

Run from the repository root: ``python -m natverk.taxonomy._build ../shared/taxonomy``.
Danish ISCO-08 labels come from isco08_da.csv, Danish ESCO occupation names from
esco_occupations_da.csv (both ESCO v1.0.8; see ../shared/taxonomy/SOURCES.md).
It selects columns, nothing else: no label is translated or rewritten. The package
never reads ../shared at run time; the generated files under ``data/`` are committed.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

DATA = Path(__file__).with_name("data")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(name: str, header: list[str], rows: Iterable[Sequence[str]]) -> None:
    with (DATA / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _write_gz(name: str, header: list[str], rows: Iterable[Sequence[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    # mtime=0: the same input gives byte-identical output (clean git diffs).
    (DATA / name).write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), 9, mtime=0))


def build(source: Path) -> None:
    """Write isco08.csv, isco08_descriptions.csv.gz, isco_terms.csv, nace_rev2.csv and
    regions.csv into ``data/``."""
    DATA.mkdir(exist_ok=True)
    isco = _rows(source / "isco08.csv")
    danish = {r["code"]: r["label_da"] for r in _rows(source / "isco08_da.csv")}
    _write(
        "isco08.csv",
        ["code", "level", "parent", "en", "sv", "da", "nb"],
        [
            [
                r["code"],
                r["level"],
                r["parent_code"],
                r["label_en"],
                r["label_sv"],
                danish.get(r["code"], ""),
                r["label_nb_styrk08"],
            ]
            for r in isco
        ],
    )
    # The ILO definitions are long (0.8 MB) and only shown on demand: compressed.
    _write_gz(
        "isco08_descriptions.csv.gz",
        ["code", "en"],
        [[r["code"], r["description_en"]] for r in isco if r["description_en"]],
    )
    # ESCO occupation names, one per row: en/sv from v1.1.1, da from v1.0.8 (the Danish
    # file has no URIs, so the languages are separate rows, not columns of one occupation).
    terms = {
        (r["isco_unit"], lang, r[f"label_{lang}"].strip())
        for r in _rows(source / "esco_occupations.csv")
        for lang in ("en", "sv")
        if r[f"label_{lang}"].strip()
    }
    terms |= {
        (r["isco_code"], "da", r["label_da"].strip())
        for r in _rows(source / "esco_occupations_da.csv")
        if r["label_da"].strip()
    }
    _write("isco_terms.csv", ["isco", "lang", "term"], sorted(terms))
    nace = _rows(source / "nace_rev2.csv")
    _write(
        "nace_rev2.csv",
        ["code", "level", "parent", "en", "sv", "da", "nb"],
        [
            [
                r["code"],
                r["level"],
                r["parent_code"],
                r["label_en"],
                r["label_sv"],
                r["label_da"],
                r["label_no"],
            ]
            for r in nace
        ],
    )
    regions = [
        [r["iso_3166_2"], "SE", r["name_sv"], r["name_sv"], r["name_sv"]]
        for r in _rows(source / "se_counties.csv")
    ] + [
        [r["iso_3166_2"], "DK", r["name_da"], r["name_da"], r["name_en"]]
        for r in _rows(source / "dk_regions.csv")
    ]
    _write("regions.csv", ["code", "country", "sv", "da", "en"], regions)


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/taxonomy"))
