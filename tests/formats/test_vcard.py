"""vCard files as phones and address books write them (real exports in samples/vcard)."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest

from natverk.formats.contacts_base import ContactFormatError
from natverk.formats.vcard import read_vcards

SAMPLES = Path(__file__).parent / "samples" / "vcard"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


@pytest.mark.parametrize(
    ("name", "records", "skipped"),
    [
        ("gmail_v3_folded_escapes.vcf", 1, 0),
        ("outlook2007_v21_qp_key.vcf", 1, 0),
        ("rfc6350_v4_example.vcf", 1, 0),
        ("android_v21_qp_multi.vcf", 6, 0),
        ("iphone_ios5_v3_items.vcf", 1, 0),
        ("macos_11_multi_empty_card.vcf", 2, 1),
    ],
)
def test_every_real_sample_reads_with_its_cards(name: str, records: int, skipped: int) -> None:
    found = read_vcards(sample(name))
    assert (len(found.records), len(found.skipped)) == (records, skipped)
    assert all(r.name for r in found.records)


def test_gmail_escapes_and_folded_note_come_back_as_text() -> None:
    card = read_vcards(sample("gmail_v3_folded_escapes.vcf")).records[0]
    assert card.name == "Mr. John Richter, James Doe Sr."
    assert (card.given_name, card.family_name) == ("John", "Doe")
    assert card.notes.startswith(
        'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"'
    )
    assert card.notes.endswith("DAMAGE.\nFavotire Color: Blue")
    assert card.websites == ("http://www.ibm.com",)
    assert card.birthday == dt.date(1980, 3, 22)


def test_outlook_21_quoted_printable_note_and_basic_birthday() -> None:
    card = read_vcards(sample("outlook2007_v21_qp_key.vcf")).records[0]
    assert card.notes.splitlines() == [
        "This is the NOTE field",
        "I assume it encodes this text inside a NOTE vCard type.",
        "But I'm not sure because there's text formatting going on here.",
        "It does not preserve the formatting",
    ]
    assert card.birthday == dt.date(1922, 3, 10)
    assert card.emails == ("mike.angstadt@gmail.com",)
    assert "(111) 555-3333" in card.phones


def test_android_21_soft_breaks_inside_utf8_and_photos_left_out() -> None:
    found = read_vcards(sample("android_v21_qp_multi.vcf"))
    names = [r.name for r in found.records]
    assert names[:2] == ["john.doe@company.com", "jane.doe@company.com"]
    assert names[2] == "Ñ Ñ Ñ Ñ Ñ"
    assert names[3] == "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ"  # QP soft break between "=C3=91=" and "=20"
    assert found.records[4].emails == ("bob@company.com",)  # the QP one is no address
    assert found.records[4].company == "Ñ" * 12
    notes = [n.render() for n in found.notes]
    assert "Photos left out, as natverk keeps no photos: 1." in notes
    assert any("has no name: it was named john.doe@company.com" in n for n in notes)
    # The stray =80 byte of the last card is replaced and its line named, not fatal.
    assert any("replaced by \ufffd" in n for n in notes)
    assert [n.count("Ñ") for n in found.records[3].notes.split("\n\n")] == [21, 21]


def test_iphone_item_groups_and_preferred_address() -> None:
    card = read_vcards(sample("iphone_ios5_v3_items.vcf")).records[0]
    assert card.emails == ("john.doe@ibm.com",)
    assert card.phones[0] == "905-555-1234"
    assert "905-222-1234" in card.phones  # item2.TEL with an X-ABLabel
    assert card.websites == ("http://www.ibm.com",)
    assert (card.company, card.title) == ("IBM", "Money Counter")


def test_macos_company_card_is_named_and_empty_card_is_skipped_with_reason() -> None:
    found = read_vcards(sample("macos_11_multi_empty_card.vcf"))
    assert [r.name for r in found.records] == ["Peter Black", "Apple Inc."]
    assert found.records[1].phones == ("1-800-MY-APPLE",)
    assert found.skipped[0].reason.render() == "No name, e-mail address or phone number."


def test_cr_cr_lf_line_ends_read_like_cr_lf() -> None:
    data = sample("iphone_ios5_v3_items.vcf")
    assert read_vcards(data.replace(b"\r\n", b"\r\r\n")).records == read_vcards(data).records


def test_a_fold_inside_a_multibyte_character_is_joined_before_decoding() -> None:
    name = "Åsa Öberg".encode()
    folded = b"FN:" + name[:1] + b"\r\n " + name[1:6] + b"\r\n\t" + name[6:]
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\n" + folded + b"\r\nEND:VCARD\r\n"
    assert read_vcards(data).records[0].name == "Åsa Öberg"


def test_undeclared_quoted_printable_with_soft_break_on_a_21_card() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8:=C3=96berg;=C3=85=\r\nsa;;;\r\n"
        b"TEL;CELL:070-123 45 67\r\nEND:VCARD\r\n"
    )
    card = read_vcards(data).records[0]
    assert (card.given_name, card.family_name, card.name) == ("Åsa", "Öberg", "Åsa Öberg")


def test_latin1_charset_on_a_21_card() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"FN;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:=C5sa\r\nEND:VCARD\r\n"
    )
    assert read_vcards(data).records[0].name == "Åsa"


def test_a_label_continued_without_equals_sign_does_not_break_the_card() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Anna\r\n"
        b"LABEL;WORK;ENCODING=QUOTED-PRINTABLE:Storgatan 1=0D=0A\r\n111 22 Stockholm\r\n"
        b"EMAIL:anna@example.se\r\nEND:VCARD\r\n"
    )
    card = read_vcards(data).records[0]
    assert (card.name, card.emails) == ("Anna", ("anna@example.se",))


def test_vcard_4_tel_uri_quoted_types_and_lower_case_names() -> None:
    data = (
        b"begin:vcard\nversion:4.0\nfn:Mette\n"
        b'tel;value=uri;type="work,voice";pref=1:tel:+45-20-12-34-56\n'
        b"email;type=home:mette@example.dk\nend:vcard\n"
    )
    card = read_vcards(data).records[0]
    assert (card.phones, card.emails) == (("+45-20-12-34-56",), ("mette@example.dk",))


def test_utf16_vcard_file() -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jörgen Ås\r\nEND:VCARD\r\n"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert read_vcards(data).records[0].name == "Jörgen Ås"


def test_nested_agent_card_is_not_a_contact_of_its_own() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Boss\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"FN:Assistant\r\nEND:VCARD\r\nEMAIL:boss@example.se\r\nEND:VCARD\r\n"
    )
    found = read_vcards(data)
    assert [(r.name, r.emails) for r in found.records] == [("Boss", ("boss@example.se",))]


def test_linkedin_social_profile_and_labelled_url_become_the_linkedin_field() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Karl\r\n"
        b"X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/karl-example\r\n"
        b"item1.URL:https://karl.example.se\r\nitem1.X-ABLabel:_$!<HomePage>!$_\r\nEND:VCARD\r\n"
    )
    card = read_vcards(data).records[0]
    assert card.linkedin_url == "https://www.linkedin.com/in/karl-example"
    assert card.websites == ("https://karl.example.se",)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut short\r\n", "never ends"),
        (b"FN:No card\r\nEND:VCARD\r\n", "never began"),
        (b"hello\r\n", "holds no vCard"),
        (b"", "empty"),
    ],
)
def test_broken_files_are_refused_with_the_reason(data: bytes, message: str) -> None:
    with pytest.raises(ContactFormatError) as caught:
        read_vcards(data)
    assert message in str(caught.value)


def test_file_over_the_import_limit_is_refused() -> None:
    with pytest.raises(ContactFormatError, match="larger than 100 bytes"):
        read_vcards(sample("gmail_v3_folded_escapes.vcf"), max_bytes=100)


@pytest.mark.parametrize("charset", [b"\x00s-ascii", b"quoted-printable", b"no-such-charset"])
def test_a_charset_that_is_no_text_encoding_falls_back_to_utf8(charset: bytes) -> None:
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=" + charset + b":\xc3\x85sa\r\nEND:VCARD\r\n"
    assert read_vcards(data).records[0].name == "Åsa"
