"""`natverk rooms` and `natverk pairs` with Zoom export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from natverk.cli import cli


def _people(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Namn", "E-post", "Avdelning"])
        for k in range(n):
            writer.writerow([f"Person {k}", f"p{k}@example.org", ["HR", "IT", "Ekonomi"][k % 3]])
    return path


def test_rooms_writes_rounds_and_one_zoom_file_per_round(tmp_path: Path) -> None:
    people = _people(tmp_path / "people.csv", 20)
    result = CliRunner().invoke(
        cli,
        [
            "rooms",
            str(people),
            "--rounds",
            "3",
            "--room-size",
            "4-5",
            "-o",
            str(tmp_path / "rounds.csv"),
            "--zoom",
            str(tmp_path / "zoom"),
            "--seed",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "zoom").glob("round_*.csv"))
    assert [f.name for f in files] == ["round_1.csv", "round_2.csv", "round_3.csv"]
    lines = files[1].read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Pre-assign Room Name,Email Address"
    assert lines[1].startswith("Runda 2 – Rum 1,p")
    assert len(lines) == 21


def test_rooms_refuses_duplicate_emails_and_impossible_sizes(tmp_path: Path) -> None:
    dup = tmp_path / "dup.csv"
    dup.write_text("Namn,E-post\nA,a@x.se\nB,a@x.se\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["rooms", str(dup), "--lang", "en"])
    assert result.exit_code == 1 and "listed twice" in result.output
    people = _people(tmp_path / "people.csv", 23)
    result = CliRunner().invoke(cli, ["rooms", str(people), "--room-size", "6-6"])
    assert result.exit_code != 0 and "cannot be split into rooms of 6-6" in result.output


def test_pairs_avoid_the_history_file(tmp_path: Path) -> None:
    people = _people(tmp_path / "people.csv", 12)
    first, second = tmp_path / "p1.csv", tmp_path / "p2.csv"
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["pairs", str(people), "-o", str(first), "--seed", "1"]).exit_code == 0
    )
    result = runner.invoke(cli, ["pairs", str(people), "--history", str(first), "-o", str(second)])
    assert result.exit_code == 0 and "0 recent pairs repeated" in result.output


def test_rooms_writes_printable_cards_naming_the_facilitators(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "Namn,E-post,Samtalsledare\n"
        + "".join(f"P{k},p{k}@example.org,{'ja' if k < 2 else ''}\n" for k in range(9)),
        encoding="utf-8",
    )
    cards = tmp_path / "cards.html"
    result = CliRunner().invoke(
        cli,
        [
            "rooms",
            str(people),
            "--rounds",
            "2",
            "--room-size",
            "4-5",
            "-o",
            str(tmp_path / "r.csv"),
            "--cards",
            str(cards),
        ],
    )
    assert result.exit_code == 0, result.output
    page = cards.read_text(encoding="utf-8")
    assert page.count('class="card"') == 4
    assert "Runda 2 – Rum 2" in page and page.count("(Samtalsledare)") == 4


def test_pairs_history_keeps_colleagues_of_different_departments_apart(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "Namn,E-post,Avdelning\nA,a@x.se,HR\nB,b@x.se,HR\nC,c@x.se,IT\nD,d@x.se,IT\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    first, second = tmp_path / "p1.csv", tmp_path / "p2.csv"
    assert (
        runner.invoke(cli, ["pairs", str(people), "-o", str(first), "--seed", "3"]).exit_code == 0
    )
    result = runner.invoke(
        cli, ["pairs", str(people), "--history", str(first), "-o", str(second), "--seed", "3"]
    )
    assert result.exit_code == 0 and "0 recent pairs repeated, 0 within" in result.output

    def pairs_of(path: Path) -> set[frozenset[str]]:
        rows = list(csv.reader(path.open(encoding="utf-8-sig")))[1:]
        by_pair: dict[str, set[str]] = {}
        for row in rows:
            by_pair.setdefault(row[0], set()).add(row[2])
        return {frozenset(v) for v in by_pair.values()}

    assert not pairs_of(first) & pairs_of(second)


def test_pairs_writes_column_titles_in_the_chosen_language(tmp_path: Path) -> None:
    people = _people(tmp_path / "people.csv", 6)
    for lang, first_title in (("sv", "par"), ("da", "par"), ("en", "pair")):
        out = tmp_path / f"{lang}.csv"
        result = CliRunner().invoke(cli, ["pairs", str(people), "--lang", lang, "-o", str(out)])
        assert result.exit_code == 0
        header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        assert header[0] == first_title and header[2] in ("e-post", "e-mail", "email")
        again = CliRunner().invoke(
            cli, ["pairs", str(people), "--history", str(out), "-o", str(tmp_path / "x.csv")]
        )
        assert again.exit_code == 0


@pytest.mark.slow
def test_rooms_finds_a_perfect_plan_for_32_in_rooms_of_4_for_10_rounds_unasked(
    tmp_path: Path,
) -> None:
    people = _people(tmp_path / "people.csv", 32)
    result = CliRunner().invoke(
        cli,
        [
            "rooms",
            str(people),
            "--rounds",
            "10",
            "--room-size",
            "4-4",
            "--seed",
            "1",
            "-o",
            str(tmp_path / "rounds.csv"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Searching for at most 120 s" in result.output
    assert "0 repeated meetings" in result.output


def test_rooms_read_excel_unicode_text_and_xlsx_people(tmp_path: Path) -> None:
    from tests.formats.hostile import table_xlsx

    rows = [["Namn", "E-post"]] + [[f"Åsa {k}", f"a{k}@example.org"] for k in range(9)]
    unicode_text = tmp_path / "people.txt"
    unicode_text.write_bytes("\r\n".join("\t".join(r) for r in rows).encode("utf-16"))
    workbook = tmp_path / "people.xlsx"
    workbook.write_bytes(table_xlsx(rows, shared=True))
    for source in (unicode_text, workbook):
        out = tmp_path / f"{source.stem}-{source.suffix[1:]}.csv"
        result = CliRunner().invoke(cli, ["rooms", str(source), "--rounds", "2", "-o", str(out)])
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8-sig")
        assert "Åsa 8" in text and "binary" not in result.output
