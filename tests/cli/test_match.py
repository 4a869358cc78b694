"""`natverk match` on a forms export: valid groups, explanations, report, clear errors."""

from __future__ import annotations

import csv
import re
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
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
    assert "Förhoppningar som möts:" in page and "sämst placerad:" in page


def test_match_reports_unmapped_columns_clearly(tmp_path: Path) -> None:
    source = tmp_path / "svar.csv"
    source.write_text("Förnamn,Telefon\nAnna,070\n", encoding="utf-8")
    out = str(tmp_path / "g.csv")
    result = CliRunner().invoke(cli, ["match", str(source), "--lang", "en", "-o", out])
    assert result.exit_code == 1
    assert "Could not find the column(s) for" in result.output and "Telefon" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "g.csv").exists()


def test_match_rejects_a_bad_size(tmp_path: Path) -> None:
    source = tmp_path / "svar.csv"
    write_form_csv(generate_cohort(10, seed=1), source)
    result = CliRunner().invoke(cli, ["match", str(source), "--size", "8-6"])
    assert result.exit_code != 0 and "LO <= HI" in result.output


def test_cohorts_above_the_dense_limit_are_matched_on_features(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import natverk.cli.match as match_module

    monkeypatch.setattr(match_module, "DENSE_LIMIT", 20)
    cohort = generate_cohort(48, seed=3)
    source = tmp_path / "svar.csv"
    write_form_csv(cohort, source, lang="en")
    out, report = tmp_path / "groups.csv", tmp_path / "groups.html"
    args = ["match", str(source), "--time-limit", "0.5", "--seed", "2", "--lang", "en"]
    result = CliRunner().invoke(cli, [*args, "-o", str(out), "--report", str(report)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["e-mail"] for r in rows) == sorted(a.email for a in cohort)
    sizes = [sum(1 for r in rows if r["group"] == g) for g in {r["group"] for r in rows}]
    assert all(6 <= s <= 8 for s in sizes)
    assert report.read_text(encoding="utf-8").count("<section") == len(sizes)


def test_a_stray_byte_keeps_utf8_names_and_is_reported(tmp_path: Path) -> None:
    cohort = generate_cohort(14, seed=4)
    source = tmp_path / "svar.csv"
    write_form_csv(cohort, source, lang="sv")
    data = source.read_bytes()
    cut = data.index(b"\n", data.index(b"\n") + 1) + 1
    source.write_bytes(data[:cut] + data[cut:].replace(b"@", b"\xff@", 1))
    out = tmp_path / "groups.csv"
    args = ["match", str(source), "--size", "3-4", "--time-limit", "0.5", "--lang", "en"]
    args += ["-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert "Line(s) 3: bytes that are not UTF-8 were replaced" in result.output
    assert "Windows-1252" not in result.output
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig") as handle:
        assert {r["name"] for r in csv.DictReader(handle)} == {a.name for a in cohort}


def _svar(tmp_path: Path, n: int, *, availability_header: str | None = None) -> Path:
    source = tmp_path / "svar.csv"
    write_form_csv(generate_cohort(n, seed=12), source, lang="sv")
    if availability_header is not None:
        text = source.read_text(encoding="utf-8-sig")
        source.write_text(text.replace("När kan du träffas?", availability_header), "utf-8")
    return source


def _sizes(out: Path) -> list[int]:
    with out.open(encoding="utf-8-sig") as handle:
        groups = [row["grupp"] for row in csv.DictReader(handle)]
    return sorted(groups.count(g) for g in set(groups))


def test_match_makes_sizes_as_even_as_possible_unless_asked_for_the_largest(
    tmp_path: Path,
) -> None:
    source, out = _svar(tmp_path, 6), tmp_path / "groups.csv"
    base = ["match", str(source), "--size", "2-4", "--time-limit", "0.5", "-o", str(out)]
    assert CliRunner().invoke(cli, base).exit_code == 0
    assert _sizes(out) == [3, 3]
    result = CliRunner().invoke(cli, [*base, "--largest-groups", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert _sizes(out) in ([2, 4], [3, 3])  # the MDGP mode: any sizes within 2-4


def test_match_reads_the_availability_column_by_its_answers_and_reports_hopes(
    tmp_path: Path,
) -> None:
    source = _svar(tmp_path, 24, availability_header="Vilka tider passar dig för träffarna?")
    out = tmp_path / "groups.csv"
    result = CliRunner().invoke(
        cli, ["match", str(source), "--time-limit", "1", "--seed", "1", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "availability: 'Vilka tider passar dig för träffarna?' (by its answers)" in result.output
    assert "Hopes met:" in result.output and "worst off:" in result.output


def test_match_stops_without_a_column_of_times_and_goes_on_when_told(tmp_path: Path) -> None:
    source = _svar(tmp_path, 24)
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row[:-1] for row in csv.reader(handle)]  # the availability column is gone
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    out = tmp_path / "groups.csv"
    base = ["match", str(source), "--time-limit", "0.5", "--lang", "en", "-o", str(out)]
    stopped = CliRunner().invoke(cli, base)
    assert stopped.exit_code == 1 and "No column of meeting times was found" in stopped.output
    assert "--without availability" in stopped.output and not out.exists()
    assert CliRunner().invoke(cli, [*base, "--without", "availability"]).exit_code == 0


def test_match_takes_a_column_named_by_the_leader(tmp_path: Path) -> None:
    source = _svar(tmp_path, 24, availability_header="Tider")
    out = tmp_path / "groups.csv"
    result = CliRunner().invoke(
        cli,
        [
            "match",
            str(source),
            "--time-limit",
            "0.5",
            "-o",
            str(out),
            "--column",
            "availability=Tide",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "availability: 'Tider' (as given)" in result.output
    bad = CliRunner().invoke(cli, ["match", str(source), "--column", "lön=Lön"])
    assert bad.exit_code == 2 and "FIELD=HEADER" in bad.output


def test_reading_scoring_and_writing_count_against_the_time_limit(tmp_path: Path) -> None:
    source, out = tmp_path / "svar.csv", tmp_path / "groups.csv"
    write_form_csv(generate_cohort(120, seed=5), source, lang="sv")
    args = ["match", str(source), "--time-limit", "2", "--seed", "1", "-o", str(out)]
    began = time.monotonic()
    result = CliRunner().invoke(cli, [*args, "--report", str(tmp_path / "groups.html")])
    took = time.monotonic() - began
    assert result.exit_code == 0, result.output
    assert took < 2.0 + 1.0  # generous: a loaded machine


def test_match_names_an_employer_with_more_applicants_than_groups(tmp_path: Path) -> None:
    people = generate_cohort(24, seed=12)
    crowd = [replace(a, employer=people[0].employer) for a in people[:4]]
    source, out = tmp_path / "svar.csv", tmp_path / "groups.csv"
    write_form_csv(crowd + people[4:], source, lang="sv")
    args = ["match", str(source), "--time-limit", "1", "--lang", "en", "-o", str(out)]
    started = time.monotonic()
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    said = re.search(r"(\d+) applicants work for (.+?) \(", result.output)
    assert said is not None and int(said.group(1)) >= 4, result.output
    assert normalise_employer(said.group(2)) == normalise_employer(people[0].employer)
    assert crowd[0].name in result.output and "only 3 groups" in result.output
    assert time.monotonic() - started < 30 and not out.exists()
    smaller = CliRunner().invoke(cli, [*args, "--size", "4-6"])
    assert smaller.exit_code == 0, smaller.output


def test_above_the_dense_limit_hopes_are_reported_and_a_long_report_is_said_to_cost_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import natverk.cli.match as match_module

    monkeypatch.setattr(match_module, "DENSE_LIMIT", 20)
    source, out = tmp_path / "svar.csv", tmp_path / "groups.csv"
    write_form_csv(generate_cohort(240, seed=4), source, lang="en")
    args = ["match", str(source), "--time-limit", "0.5", "--seed", "2", "--lang", "en"]
    result = CliRunner().invoke(cli, [*args, "-o", str(out), "--report", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert "Explaining and writing 30 groups takes about" in result.output
    assert re.search(r"Hopes met: \d+ of \d+ members", result.output)
