"""ISCO-08, NACE Rev. 2 and regions: lookups, labels, distances and search."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from natverk import taxonomy as tx

UNIT_CODES = [o.code for o in tx.occupations(4)]
NACE_CODES = [i.code for i in tx.industries()]
CLASS_CODES = [i.code for i in tx.industries(4)]


def test_classifications_are_complete() -> None:
    assert len(tx.occupations(None)) == 619
    assert len(UNIT_CODES) == 436
    assert [len(tx.industries(level)) for level in (1, 2, 3, 4)] == [21, 88, 272, 615]
    assert len(tx.se_counties()) == 21
    assert len(tx.dk_regions()) == 5


def test_occupation_labels_in_swedish_english_and_danish() -> None:
    occ = tx.occupation("2432")
    assert occ.label("sv") == "Informatörer, kommunikatörer och PR-specialister"
    assert occ.label("en") == "Public relations professionals"
    assert occ.label("da") == "Arbejde inden for PR"
    assert all(o.label("da") != o.label("en") for o in tx.occupations(4))


def test_industry_labels_in_four_languages_and_sections_in_sentence_case() -> None:
    assert tx.industry("d").label("en") == "Electricity, gas, steam and air conditioning supply"
    assert tx.industry("47").label("da").startswith("Detailhandel")
    assert tx.industry("35.11").section == "D"
    assert tx.industry("3511").code == "35.11"


def test_unknown_codes_raise_a_clear_error() -> None:
    with pytest.raises(tx.UnknownCodeError, match="unknown ISCO-08 code: '9999'"):
        tx.occupation("9999")
    with pytest.raises(tx.UnknownCodeError, match="unknown NACE"):
        tx.industry("ZZ")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2432", "2432", 0.0),
        ("2432", "2431", 0.25),
        ("2432", "2422", 0.5),
        ("2432", "2142", 0.75),
        ("2432", "1211", 1.0),
        ("2432", "24", 0.5),
    ],
)
def test_occupation_distance_follows_the_isco_tree(a: str, b: str, expected: float) -> None:
    assert tx.occupation_distance(a, b) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("35.11", "35.11", 0.0),
        ("35.11", "35.12", 0.25),
        ("35.11", "35.21", 0.5),
        ("62.01", "63.11", 0.75),
        ("35.11", "47.11", 1.0),
        ("J", "62.01", 0.75),
    ],
)
def test_industry_distance_follows_the_nace_tree(a: str, b: str, expected: float) -> None:
    assert tx.industry_distance(a, b) == expected


@given(st.sampled_from(UNIT_CODES), st.sampled_from(UNIT_CODES), st.sampled_from(UNIT_CODES))
def test_occupation_distance_is_a_metric_on_unit_groups(a: str, b: str, c: str) -> None:
    d = tx.occupation_distance
    assert d(a, a) == 0.0
    assert d(a, b) == d(b, a)
    assert 0.0 <= d(a, b) <= 1.0
    assert (d(a, b) == 0.0) == (a == b)
    assert d(a, c) <= max(d(a, b), d(b, c))  # ultrametric: a tree distance


@given(st.sampled_from(NACE_CODES), st.sampled_from(NACE_CODES))
def test_industry_distance_is_symmetric_and_bounded(a: str, b: str) -> None:
    assert tx.industry_distance(a, b) == tx.industry_distance(b, a)
    assert 0.0 <= tx.industry_distance(a, b) <= 1.0


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("kommunikatör", "2432"),
        ("Kommunikatör", "2432"),
        ("HR", "2423"),
        ("systemutvecklare", "2512"),
        ("Personalchef", "1212"),
        ("2432", "2432"),
    ],
)
def test_search_occupations_finds_everyday_titles(text: str, code: str) -> None:
    assert tx.search_occupations(text)[0][0].code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Energi", "35"),
        ("Retail", "47"),
        ("detailhandel", "47"),
        ("IT", "62"),
        ("Offentlig förvaltning", "84.1"),
        ("Telekom", "61"),
    ],
)
def test_search_industries_finds_sv_da_en_words(text: str, code: str) -> None:
    assert tx.search_industries(text)[0][0].code == code


def test_search_returns_nothing_for_empty_text() -> None:
    assert tx.search_occupations("  ") == []


def test_regions_have_names_in_the_local_language() -> None:
    assert tx.region("se-ab").label("sv") == "Stockholms län"
    assert tx.region("DK-84").label("da") == "Region Hovedstaden"
    assert tx.region("DK-84").label("en") == "Capital Region of Denmark"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("kommunikationsstrateg", "2432"),
        ("Kommunikationsmedarbejder", "2432"),
        ("HR-ansvarig", "2423"),
        ("IT-chef", "1330"),
        ("Hållbarhetschef", "1213"),
        ("Head of Communications", "1222"),
        ("IT-projektledare", "2421"),
        ("Senior utvecklare", "2512"),
        ("Rekryterare", "2423"),
        ("Cand.merc.", "2631"),
        ("Chefsjurist", "2611"),
        ("Frontendutvecklare", "2512"),
        ("IT-konsulent", "2511"),
    ],
)
def test_search_occupations_reads_compound_and_multiword_titles(text: str, code: str) -> None:
    found, score = tx.search_occupations(text)[0]
    assert found.code == code
    assert score >= 80  # the spreadsheet importer's threshold


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Fordonsindustri", "29"),
        ("Energisektoren", "35"),
        ("Medicinalindustri", "21"),
        ("IT-konsult", "62.02"),
        ("Statlig myndighet", "84.1"),
        ("Hotell och restaurang", "55"),
        ("Ingenjörsbyrå", "71.12"),
        ("E-handel", "47.91"),
        ("Energiselskab", "35"),
        ("Mediehus", "58"),
    ],
)
def test_search_industries_reads_compounds_and_phrases(text: str, code: str) -> None:
    found, score = tx.search_industries(text)[0]
    assert found.code == code
    assert score >= 80


def test_search_accepts_codes_at_any_level() -> None:
    assert tx.search_industries("6201")[0][0].code == "62.01"
    assert tx.search_industries("j")[0][0].code == "J"
    assert tx.search_occupations("243")[0][0].code == "243"


def test_search_language_breaks_ties_between_equal_labels() -> None:
    # "Utbildning" is both section P and division 85 in Swedish; asking in Swedish
    # keeps Swedish labels first and never loses the answer.
    codes = {i.code for i, _ in tx.search_industries("utbildning", 3, lang="sv")}
    assert codes & {"P", "85"}


@given(st.text(max_size=40))
def test_search_never_fails_and_scores_stay_in_range(text: str) -> None:
    for found in (tx.search_occupations(text, 3), tx.search_industries(text, 3)):
        assert len(found) <= 3
        assert all(0.0 <= score <= 100.0 for _, score in found)
        assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)


def test_occupation_path_and_english_definition() -> None:
    occ = tx.occupation("2432")
    assert occ.path == ("2", "24", "243", "2432")
    assert [tx.occupation(c).level for c in occ.path] == [1, 2, 3, 4]
    assert occ.parent == occ.path[-2]
    assert occ.description.startswith("Public relations professionals")
    assert "\n" in occ.description  # the task list keeps its lines


@given(st.sampled_from(CLASS_CODES), st.sampled_from(CLASS_CODES), st.sampled_from(CLASS_CODES))
def test_industry_distance_is_an_ultrametric_on_classes(a: str, b: str, c: str) -> None:
    d = tx.industry_distance
    assert (d(a, b) == 0.0) == (a == b)
    assert d(a, c) <= max(d(a, b), d(b, c))


@given(st.sampled_from(NACE_CODES), st.sampled_from(NACE_CODES))
def test_industry_distance_shrinks_towards_a_common_ancestor(a: str, b: str) -> None:
    # Replacing a code by one of its ancestors never moves it further from a code
    # below that ancestor.
    path = tx.industry(b).path
    for ancestor in path:
        assert tx.industry_distance(ancestor, b) <= tx.industry_distance(path[0], b) + 1e-12
        assert tx.industry_distance(ancestor, b) < 1.0


@given(st.sampled_from(NACE_CODES))
def test_normalised_industry_codes_are_fixed_points(code: str) -> None:
    assert tx.normalise_industry_code(code) == code
    assert tx.normalise_industry_code(code.replace(".", "").lower()) == code


@given(st.sampled_from(UNIT_CODES), st.sampled_from(UNIT_CODES))
def test_occupation_distance_grows_with_the_first_differing_digit(a: str, b: str) -> None:
    common = next((i for i in range(4) if a[i] != b[i]), 4)
    assert tx.occupation_distance(a, b) == (4 - common) / 4


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ingeniør", "2149"),
        ("ingenior", "2149"),
        ("Fuldmægtig", "2422"),
        ("FULDMAEGTIG", "2422"),
        ("Sygeplejerske", "2221"),
        ("Økonomikonsulent", "2411"),
        ("Kontorchef", "1219"),
    ],
)
def test_search_occupations_finds_danish_titles_with_or_without_special_letters(
    text: str, code: str
) -> None:
    # Danish ISCO-08 labels name the work ("Sygeplejearbejde"), so titles rest on ESCO's
    # Danish occupation names, the word tables and the compound rules; ø and æ fold to
    # o and a like å, ä and ö lose their marks.
    assert tx.search_occupations(text, lang="da")[0][0].code == code


def test_danish_esco_names_find_their_unit_group() -> None:
    # "buschauffør" is a Danish ESCO occupation name (8331, bus drivers)
    assert tx.search_occupations("buschauffør", lang="da")[0][0].code == "8331"


def test_esco_comma_names_are_found_as_compounds() -> None:
    # ESCO writes "polerare, metall"; people write "metallpolerare"
    found = tx.search_occupations("metallpolerare")[0]
    assert (found[0].code, found[1] >= 80) == ("7224", True)


def test_a_phrase_is_read_by_the_title_before_its_preposition() -> None:
    # the title is "tandtekniker"; "för hästar" only tells among its codes
    codes = [o.code for o, _ in tx.search_occupations("tandtekniker för hästar", 3)]
    assert codes[0] in {"3214", "3240"} and "3240" in codes


def test_compound_titles_end_like_known_titles_vote_for_a_code() -> None:
    # no title "krokimodell": the titles that end in "modell" agree on 5241
    assert tx.search_occupations("krokimodell")[0][0].code == "5241"


def test_field_and_role_read_customer_service_and_business_titles() -> None:
    assert tx.search_occupations("Kundtjänstmedarbetare")[0][0].code == "4222"
    assert tx.search_occupations("Forretningsudvikler", lang="da")[0][0].code == "2421"


def test_word_tables_are_data_files_not_code() -> None:
    source = Path(tx.__file__).read_text(encoding="utf-8")
    assert '"kommunikator"' not in source and "_OCCUPATION_WORDS" not in source
    assert (Path(tx.__file__).parent / "data" / "occupation_words.csv").is_file()


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("62.01", "62.01", 0.0),
        ("62.01", "62.09", 0.0),  # the same division, different classes
        ("62.01", "63.11", 1.0),  # the same section (J), different divisions
        ("62.01", "47.11", 1.0),
        ("J", "62.01", 0.5),  # a section alone: maybe the same division, maybe not
        ("J", "J", 0.5),
        ("C", "62.01", 1.0),
        ("62", "62.01", 0.0),
    ],
)
def test_industry_difference_is_a_difference_of_divisions(a: str, b: str, expected: float) -> None:
    assert tx.industry_difference(a, b) == expected
    assert tx.industry_difference(b, a) == expected


@given(st.sampled_from(CLASS_CODES), st.sampled_from(CLASS_CODES))
def test_industry_difference_agrees_with_the_tree_on_classes(a: str, b: str) -> None:
    same_division = tx.industry_distance(a, b) <= 0.5
    assert tx.industry_difference(a, b) == (0.0 if same_division else 1.0)
