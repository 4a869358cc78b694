"""Hostile files and bad options through every command: no traceback, no hang, exit 1
with one readable message (2 for usage errors), and nothing written."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from natverk.cli import cli
from tests.formats.hostile import HOSTILE

COMMANDS = ("match", "rooms", "pairs", "solve")


def _args(command: str, source: Path, out: Path) -> list[str]:
    if command == "match":
        return ["match", str(source), "-o", str(out / "g.csv"), "--report", str(out / "r.html")]
    if command == "rooms":
        return [
            "rooms",
            str(source),
            "-o",
            str(out / "rounds.csv"),
            "--zoom",
            str(out / "zoom"),
            "--cards",
            str(out / "cards.html"),
        ]
    if command == "pairs":
        return ["pairs", str(source), "-o", str(out / "pairs.csv")]
    return ["solve", str(source), "--time-limit", "0.5", "--json"]


def _people(path: Path, n: int = 12) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Namn", "E-post", "Avdelning"])
        for k in range(n):
            writer.writerow([f"Person {k}", f"p{k}@example.org", ["HR", "IT"][k % 2]])
    return path


def assert_clean_failure(result: Result, out: Path, status: int = 1) -> str:
    """Exit ``status``, an 'Error:' message, no traceback, no file in ``out``."""
    assert result.exit_code == status, result.output
    assert type(result.exception) is SystemExit, repr(result.exception)
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert lines and lines[-1 if status == 2 else 0].startswith("Error:"), result.output
    assert len(lines) <= 25
    assert list(out.iterdir()) == []
    return result.output


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("command", COMMANDS)
def test_hostile_file_fails_cleanly_in_every_command(
    tmp_path: Path, command: str, name: str
) -> None:
    source = tmp_path / name
    source.write_bytes(HOSTILE[name]())
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(cli, _args(command, source, out))
    assert_clean_failure(result, out)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("command", ["rooms", "pairs"])
def test_hostile_history_file_fails_cleanly(tmp_path: Path, command: str, name: str) -> None:
    people = _people(tmp_path / "people.csv")
    history = tmp_path / name
    history.write_bytes(HOSTILE[name]())
    out = tmp_path / "out"
    out.mkdir()
    args = [*_args(command, people, out), "--history", str(history)]
    output = assert_clean_failure(CliRunner().invoke(cli, args), out)
    assert name in output


def test_a_history_room_of_hundreds_is_refused_not_expanded(tmp_path: Path) -> None:
    people = _people(tmp_path / "people.csv", 400)
    history = tmp_path / "history.csv"
    history.write_text(
        "round,room,email\n" + "".join(f"1,1,p{k}@example.org\n" for k in range(400)),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    args = [*_args("rooms", people, out), "--history", str(history), "--lang", "en"]
    output = assert_clean_failure(CliRunner().invoke(cli, args), out)
    assert "share one room" in output


@pytest.mark.parametrize(
    ("command", "option", "value"),
    [
        ("match", "--time-limit", "nan"),
        ("match", "--time-limit", "inf"),
        ("match", "--time-limit", "-5"),
        ("match", "--time-limit", "0"),
        ("match", "--seed", "-1"),
        ("match", "--size", "8-6"),
        ("match", "--size", "1-2"),
        ("rooms", "--rounds", "1000000"),
        ("rooms", "--rounds", "0"),
        ("rooms", "--time-limit", "nan"),
        ("rooms", "--room-size", "big"),
        ("pairs", "--seed", "99999999999999"),
        ("solve", "--time-limit", "inf"),
        ("solve", "--time-limit", "-5"),
        ("solve", "--workers", "0"),
        ("solve", "--groups", "0"),
        ("solve", "--size", "5-3"),
    ],
)
def test_bad_option_values_are_usage_errors(
    tmp_path: Path, command: str, option: str, value: str
) -> None:
    source = _people(tmp_path / "people.csv")
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(cli, [*_args(command, source, out), option, value])
    output = assert_clean_failure(result, out, status=2)
    assert option in output


@pytest.mark.parametrize("command", ["match", "rooms", "pairs"])
def test_an_output_in_a_missing_folder_fails_before_any_work(tmp_path: Path, command: str) -> None:
    source = _people(tmp_path / "people.csv")
    args = _args(command, source, tmp_path / "missing" / "deeper")
    result = CliRunner().invoke(cli, [*args, "--lang", "en"])
    assert result.exit_code == 1 and type(result.exception) is SystemExit
    assert "does not exist" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.csv"]


def test_errors_speak_the_chosen_language(tmp_path: Path) -> None:
    source = tmp_path / "svar.csv"
    source.write_bytes(HOSTILE["million_rows.csv"]())
    result = CliRunner().invoke(cli, ["rooms", str(source), "--lang", "sv", "-o", "x.csv"])
    assert result.exit_code == 1
    assert "kan inte användas" in result.output and "rader" in result.output
    result = CliRunner().invoke(cli, ["match", str(source), "--lang", "da", "-o", "x.csv"])
    assert result.exit_code == 1 and "kan ikke bruges" in result.output


@pytest.mark.parametrize("value", ["1e308", "nan", "inf", "-1e13"])
def test_solve_refuses_non_finite_or_huge_scores(tmp_path: Path, value: str) -> None:
    path = tmp_path / "m.csv"
    path.write_text(f"0,1,{value}\n1,0,1\n{value},1,0\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(cli, ["solve", str(path), "--size", "1-3", "--json"])
    output = assert_clean_failure(result, out)
    assert "finite score" in output and "Line 1" in output


def test_solve_json_is_valid_json_without_nan(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("0,1e11,1\n1e11,0,1\n1,1,0\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["solve", str(path), "--size", "1-3", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output, parse_constant=lambda c: pytest.fail(f"non-JSON {c}"))
    assert data["objective"] >= 1e11


def test_solve_refuses_a_header_promising_more_members_than_memory_allows(tmp_path: Path) -> None:
    path = tmp_path / "inst.txt"
    path.write_text("1000000000 2 ss 1 500000000 1 500000000\n0 1 1\n", encoding="ascii")
    out = tmp_path / "out"
    out.mkdir()
    output = assert_clean_failure(CliRunner().invoke(cli, ["solve", str(path)]), out)
    assert "at most 4000" in output


def test_rooms_refuses_more_people_than_fit_in_memory(tmp_path: Path) -> None:
    people = _people(tmp_path / "people.csv", 6_000)
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(cli, _args("rooms", people, out))
    output = assert_clean_failure(result, out)
    assert "GiB" in output and "about" in output


@pytest.mark.parametrize(
    ("name", "command"), [("xfd1048576.xlsx", "match"), ("million_rows.csv", "rooms")]
)
def test_hostile_file_in_a_real_process(tmp_path: Path, name: str, command: str) -> None:
    source = tmp_path / name
    source.write_bytes(HOSTILE[name]())
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-m", "natverk", *_args(command, source, out)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("Error:") and "Traceback" not in done.stderr
    assert list(out.iterdir()) == []


def test_import_limit_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = _people(tmp_path / "people.csv")
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("NATVERK_MAX_IMPORT_BYTES", "100")
    args = [*_args("pairs", people, out), "--lang", "en"]
    output = assert_clean_failure(CliRunner().invoke(cli, args), out)
    assert "larger than 100 bytes" in output
    monkeypatch.setenv("NATVERK_MAX_IMPORT_BYTES", "ten megabytes")
    output = assert_clean_failure(CliRunner().invoke(cli, args), out)
    assert "NATVERK_MAX_IMPORT_BYTES" in output
