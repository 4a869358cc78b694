"""`natverk match` on a forms export: valid groups, explanations, report, clear errors."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from click.testing import CliRunner

from natverk.cli import cli
from natverk.cohorts import generate_cohort, write_form_csv
from natverk.matching.affinity import build_affinity, normalise_employer


def test_match_writes_valid_groups_csv_and_swedish_report(tmp_path: Path) -> None:
    cohort = generate_cohort(60, seed=8)
    source = tmp_path / "svar.csv"
    write_form_csv(cohort, source, lang="sv")
    out, report = tmp_path / "groups.csv", tmp_path / "groups.html"
    result = CliRunner().invoke(
        cli,
        [
            "match",
            str(source),
            "--size",
            "6-8",
            "--time-limit",
            "1",
            "--seed",
            "1",
            "-o",
            str(out),
            "--report",
            str(report),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "förhoppningar möts" in result.output
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 60 and set(rows[0]) == {"grupp", "namn", "e-post"}
    by_email = {a.email: a for a in cohort}
    model = build_affinity(cohort)
    index = {a.email: k for k, a in enumerate(cohort)}
    groups: dict[str, list[str]] = {}
    for row in rows:
        groups.setdefault(row["grupp"], []).append(row["e-post"])
    for members in groups.values():
        assert 6 <= len(members) <= 8
        employers = [normalise_employer(by_email[e].employer) for e in members]
        assert len(set(employers)) == len(employers)
        common = np.bitwise_and.reduce(model.availability[[index[e] for e in members]])
        assert common != 0
    page = report.read_text(encoding="utf-8")
    assert (
        "Varje medlems nytta" in page and "<svg" in page and page.count("<section") == len(groups)
    )


def test_match_reports_unmapped_columns_clearly(tmp_path: Path) -> None:
    source = tmp_path / "svar.csv"
    source.write_text("Förnamn,Telefon\nAnna,070\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["match", str(source), "-o", str(tmp_path / "g.csv")])
    assert result.exit_code != 0
    assert "Could not find the column(s) for" in result.output and "Telefon" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "g.csv").exists()


def test_match_rejects_a_bad_size(tmp_path: Path) -> None:
    source = tmp_path / "svar.csv"
    write_form_csv(generate_cohort(10, seed=1), source)
    result = CliRunner().invoke(cli, ["match", str(source), "--size", "8-6"])
    assert result.exit_code != 0 and "LO <= HI" in result.output
