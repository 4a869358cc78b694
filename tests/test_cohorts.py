"""The synthetic cohort generator used by the demo, the tests and the benchmarks."""

import csv
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from natverk import taxonomy as tx
from natverk.cohorts import FORM_HEADERS, generate_cohort, write_form_csv, write_form_xlsx
from natverk.schedule import SLOTS


def test_same_seed_gives_same_cohort_and_other_seed_another() -> None:
    assert generate_cohort(50, seed=3) == generate_cohort(50, seed=3)
    assert generate_cohort(50, seed=3) != generate_cohort(50, seed=4)


def test_cohort_uses_real_codes_unique_emails_and_valid_slots() -> None:
    cohort = generate_cohort(300, seed=1)
    assert len({a.email for a in cohort}) == 300
    for a in cohort:
        assert tx.occupation(a.profession).level == 4
        assert tx.industry(a.industry).level >= 3
        tx.region(a.region)
        assert 2 <= len(a.availability) <= 4 and a.availability <= set(SLOTS)
        assert a.hopes and a.offers


def test_cohort_has_shared_employers_with_name_variants_and_three_languages() -> None:
    cohort = generate_cohort(300, seed=1)
    employers = Counter(a.employer for a in cohort)
    assert employers.most_common(1)[0][1] >= 5
    assert {"ICA", "ICA Sverige AB"} & set(employers)
    danish = [a for a in cohort if a.region.startswith("DK")]
    assert 0.1 < len(danish) / len(cohort) < 0.5
    assert any("jeg" in a.hopes.lower() for a in danish)


def test_language_mix_is_respected_and_validated() -> None:
    english = generate_cohort(20, seed=2, language_mix={"en": 1.0})
    assert all("sv" not in a.languages for a in english)
    with pytest.raises(ValueError, match="language_mix"):
        generate_cohort(5, seed=2, language_mix={"sv": 0.0})


def test_form_csv_export_has_swedish_headers_and_one_row_per_applicant(tmp_path: Path) -> None:
    cohort = generate_cohort(20, seed=5)
    path = tmp_path / "svar.csv"
    write_form_csv(cohort, path, lang="sv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == FORM_HEADERS["sv"]
    assert len(rows) == 21
    assert rows[1][1] == cohort[0].email


def test_form_xlsx_export_round_trips(tmp_path: Path) -> None:
    cohort = generate_cohort(10, seed=5)
    path = tmp_path / "svar.xlsx"
    write_form_xlsx(cohort, path, lang="da")
    sheet = load_workbook(path).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert tuple(values[0]) == FORM_HEADERS["da"]
    assert values[3][2] == cohort[2].name


@pytest.mark.parametrize("lang", ["sv", "da", "en"])
def test_form_export_reads_back_to_the_same_professions_and_regions(
    tmp_path: Path, lang: str
) -> None:
    # The export writes everyday titles ("Kommunikatör", "Kommunikationsmedarbejder");
    # the importer finds them through natverk.taxonomy's search.
    from natverk.formats.applicants import read_applicants

    cohort = generate_cohort(200, seed=11)
    path = tmp_path / "svar.csv"
    write_form_csv(cohort, path, lang=lang)
    read = read_applicants(path).applicants
    assert [a.email for a in read] == [a.email for a in cohort]
    assert [a.profession for a in read] == [a.profession for a in cohort]
    assert [a.region for a in read] == [a.region for a in cohort]
    if lang == "en":  # official English labels: the same item or one of its ancestors
        pairs = zip(cohort, read, strict=True)
        assert all(b.industry in tx.industry(a.industry).path for a, b in pairs)
    assert all(b.industry for b in read)
