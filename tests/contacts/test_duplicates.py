"""Which contacts are the same person (pure: no database)."""

from __future__ import annotations

from natverk.contacts.duplicates import Card, Index, company_key, find_duplicates, phone_key


def test_same_email_phone_profile_or_close_name_at_the_same_company() -> None:
    cards = [
        Card(1, "Anna Berg", emails=("Anna@Example.se",)),
        Card(2, "A Berg", emails=("anna@example.se",)),
        Card(3, "Bo Ek", phones=("070-123 45 67",)),
        Card(4, "B. Ek", phones=("+46 70 123 45 67",)),
        Card(5, "Cy", linkedin_url="https://www.linkedin.com/in/cy/"),
        Card(6, "Cy Two", linkedin_url="http://linkedin.com/in/CY?trk=x"),
        Card(7, "John Smith", company="IBM Svenska AB"),
        Card(8, "Jon Smith", company="IBM Svenska"),
        Card(9, "Jon Smith", company="Ericsson"),
        Card(10, "Anna Borg", company="IBM Svenska"),
    ]
    assert find_duplicates(cards) == [
        (1, 2, "email"),
        (3, 4, "phone"),
        (5, 6, "linkedin"),
        (7, 8, "name"),
    ]


def test_phone_numbers_are_read_with_the_members_country() -> None:
    assert phone_key("20 12 34 56", "DK") == "+4520123456"
    assert phone_key("020-12 34 56", "SE") == "+4620123456"
    assert phone_key("ext", "SE") == ""


def test_company_legal_forms_do_not_tell_companies_apart() -> None:
    assert company_key("Ørsted A/S") == company_key("ørsted")
    assert company_key("Vattenfall AB (publ)") == company_key("VATTENFALL")
    assert company_key("AB") == "ab"  # a name that is only a legal form stays itself


def test_the_index_finds_strong_matches_before_names() -> None:
    index = Index("SE")
    index.add(Card(1, "Anna Berg", company="IKEA"))
    index.add(Card(2, "Someone Else", emails=("anna@example.se",)))
    found = index.find(Card(-1, "Anna Berg", emails=("anna@example.se",), company="IKEA"))
    assert found is not None and (found.key, found.reason, found.strong) == (2, "email", True)
    by_name = index.find(Card(-2, "Ana Berg", company="Ikea AB"))
    assert by_name is not None and (by_name.key, by_name.strong) == (1, False)


def test_a_huge_company_is_compared_in_sub_blocks_and_still_finds_typos() -> None:
    cards = [Card(i, f"Person {i:05d} Name", company="Google") for i in range(3000)]
    cards.append(Card(99999, "Person 01234 Nam", company="Google LLC"))
    pairs = find_duplicates(cards)
    assert (1234, 99999, "name") in pairs
