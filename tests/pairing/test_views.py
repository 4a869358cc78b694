"""HR's pages and the colleagues' own pages, through the test client."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from natverk.accounts.demo import OTHER_SLUG, DemoWorld
from natverk.accounts.models import User
from natverk.insights.mixing import ALL
from natverk.outbox.models import Message
from natverk.pairing import insights, rounds, tokens
from natverk.pairing.models import MeetupMember, PairingProgram, Participant
from natverk.workforce import generate_staff, write_employee_csv
from tests.pairing.conftest import TODAY

pytestmark = pytest.mark.django_db


def _csv(n: int, folder: Path) -> SimpleUploadedFile:
    staff = generate_staff(n, seed=9, today=TODAY, domain="nordljus.example.org")
    write_employee_csv(staff, folder / "personal.csv")
    return SimpleUploadedFile("personal.csv", (folder / "personal.csv").read_bytes(), "text/csv")


def _url(name: str, program: PairingProgram, **more: object) -> str:
    return reverse(name, kwargs={"slug": OTHER_SLUG, "pairing_id": program.pk, **more})


def test_hr_sets_up_a_program_and_imports_the_employee_list(
    client: Client, hr: User, tmp_path: Path
) -> None:
    client.force_login(hr)
    response = client.post(
        f"/o/{OTHER_SLUG}/pairing/",
        {
            "title": "Lunch över gränserna",
            "scope": "everyone",
            "cadence": "monthly",
            "size": "lunch",
            "format": "in_person",
            "across_departments": "on",
            "newcomers_first": "on",
            "common_language": "on",
            "first_round_on": "2027-03-01",
            "meeting_time": "12:00",
            "meeting_minutes": "45",
            "active": "on",
        },
    )
    program = PairingProgram.objects.get(title="Lunch över gränserna")
    assert response.status_code == 302
    assert program.rules().size == 4 and program.rules().same_location
    response = client.post(_url("pairing:import", program), {"file": _csv(30, tmp_path)})
    assert response.status_code == 302
    assert program.participants.count() == 30
    assert Message.objects.filter(kind="natverk.pairing.welcome").count() == 30


def test_a_list_with_problems_imports_nothing_and_names_each_row(
    client: Client, hr: User, program: PairingProgram
) -> None:
    client.force_login(hr)
    before = program.participants.count()
    data = b"Namn;E-post;Avdelning;Startdatum\nAnna;anna@x.se;HR;2026-01-01\n;b@x.se;IT;x\n"
    upload = SimpleUploadedFile("lista.csv", data, "text/csv")
    response = client.post(_url("pairing:import", program), {"file": upload})
    assert response.status_code == 400
    problems = re.findall(r"<li>(.*?)</li>", response.content.decode().split('id="problems"')[1])
    assert len(problems) == 2 and all("3" in p for p in problems)
    assert program.participants.count() == before


def test_hr_imports_the_whole_list_again_and_those_not_on_it_leave(
    client: Client, hr: User, program: PairingProgram, tmp_path: Path
) -> None:
    client.force_login(hr)
    before = program.participants.count()
    response = client.post(
        _url("pairing:import", program), {"file": _csv(5, tmp_path), "complete": "on"}, follow=True
    )
    page = response.content.decode()
    assert f"{before} personer som inte finns på listan har gått ur programmet." in page
    active = program.participants.exclude(status=Participant.Status.LEFT)
    assert active.count() == 5


def _problems(response: HttpResponse) -> list[str]:
    return re.findall(r"<li>(.*?)</li>", response.content.decode().split('id="problems"')[1])


def test_a_name_too_long_for_the_database_is_named_by_its_row_in_the_file(
    client: Client, hr: User, program: PairingProgram
) -> None:
    client.force_login(hr)
    before = program.participants.count()
    long_name = "Anna " + "Lång" * 60  # the reader takes it, the database does not
    data = (f"Namn;E-post;Avdelning\n\nBo;bo@x.se;HR\n\n\n{long_name};anna@x.se;IT\n").encode(
        "cp1252"
    )
    upload = SimpleUploadedFile("lista.csv", data, "text/csv")
    response = client.post(_url("pairing:import", program), {"file": upload})
    assert response.status_code == 400
    [problem] = _problems(response)
    assert problem.startswith("Rad 6:")  # the line in the file, blank lines counted
    assert program.participants.count() == before


def test_an_xlsx_list_with_problems_names_the_rows_of_the_sheet(
    client: Client, hr: User, program: PairingProgram, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    client.force_login(hr)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Personallista mars 2027"])  # a title, then a blank row, then the header
    sheet.append([])
    sheet.append(["Namn", "E-post", "Avdelning", "Anställningsdatum"])
    sheet.append(["Anna", "anna@x.se", "HR", dt.date(2026, 1, 10)])
    sheet.append(["Bo", "inte-en-adress", "IT", dt.date(2026, 2, 1)])
    sheet.append(["", "cia@x.se", "IT", "31/02/2026"])
    book.save(tmp_path / "lista.xlsx")
    data = (tmp_path / "lista.xlsx").read_bytes()
    upload = SimpleUploadedFile("lista.xlsx", data, "application/octet-stream")
    response = client.post(_url("pairing:import", program), {"file": upload})
    assert response.status_code == 400
    assert _problems(response) == [
        "Rad 5: inte-en-adress är ingen e-postadress.",
        "Rad 6: namnet är tomt.",
        "Rad 6: kan inte läsa anställningsdatumet 31/02/2026 (skriv till exempel 2027-03-01).",
    ]
    assert program.participants.count() == 24


def test_a_file_over_the_import_limit_is_refused(
    client: Client, hr: User, program: PairingProgram, tmp_path: Path
) -> None:
    client.force_login(hr)
    with mock.patch("django.conf.settings.NATVERK_MAX_IMPORT_BYTES", 100):
        response = client.post(_url("pairing:import", program), {"file": _csv(20, tmp_path)})
    assert response.status_code == 400


def test_hr_makes_a_round_now_and_sees_the_pairs_but_not_who_met(
    client: Client, hr: User, program: PairingProgram
) -> None:
    client.force_login(hr)
    response = client.post(_url("pairing:run_round", program))
    made = program.rounds.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/rounds/{made.number}/")
    seat = MeetupMember.objects.filter(meetup__round=made).first()
    assert seat is not None
    seat.answer = MeetupMember.Answer.NOT_MET
    seat.save(update_fields=["answer"])
    page = client.get(response["Location"]).content.decode()
    assert seat.participant.name in page
    assert "did not meet" not in page.lower()
    again = client.post(_url("pairing:run_round", program), follow=True)
    assert "already" in again.content.decode() or "redan" in again.content.decode()
    assert program.rounds.count() == 1


def test_the_picture_shows_a_heatmap_with_small_counts_hidden(
    client: Client, hr: User, program: PairingProgram
) -> None:
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None
    MeetupMember.objects.filter(meetup__round=made).update(answer=MeetupMember.Answer.MET)
    client.force_login(hr)
    page = client.get(_url("pairing:insights", program)).content.decode()
    assert 'role="img"' in page and "<title" in page and "heatmap-table" in page
    counts = [int(n) for n in re.findall(r'font-size="12" fill="#[0-9a-f]+">(\d+)</text>', page)]
    assert counts and all(n == 0 or n >= 5 for n in counts)  # Nordljus: k = 5
    assert "–" in page  # hidden squares


def test_the_picture_counts_the_department_pairs_who_met_from_the_squares_shown(
    client: Client, hr: User, make_program: Callable[..., PairingProgram]
) -> None:
    program = make_program(240)
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None
    MeetupMember.objects.filter(meetup__round=made).update(answer=MeetupMember.Answer.MET)
    client.force_login(hr)
    page = client.get(_url("pairing:insights", program)).content.decode()
    result = insights.mixing(program, other="Övriga avdelningar")
    met, pairs = insights.bridges(result, ALL)
    shown = [v for (i, j), v in result.cells[ALL].items() if i < j and v is not None]
    assert met == sum(1 for v in shown if v > 0) and met > 0
    assert pairs == len(result.departments) * (len(result.departments) - 1) // 2
    assert f"{met} av {pairs}" in page


def test_a_colleague_joins_from_the_link_after_confirming_the_address(
    client: Client, program: PairingProgram
) -> None:
    url = reverse("pairing:join", kwargs={"join_token": program.join_token})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Nils Nyanställd",
            "email": "Nils@Nordljus.example.org",
            "department": "IT",
            "location": "Luleå",
            "languages": ["sv", "en"],
            "language": "sv",
        },
    )
    assert response.status_code == 200
    person = program.participants.get(email="nils@nordljus.example.org")
    assert person.status == Participant.Status.PENDING
    body = Message.objects.get(kind="natverk.pairing.confirm").body
    link = re.search(r"http://\S+/pairing/me/\S+/", body)
    assert link is not None
    path = link.group(0).split("8000", 1)[1]
    assert client.get(path).status_code == 200
    person.refresh_from_db()
    assert person.status == Participant.Status.PENDING  # opening the link changes nothing
    client.post(path, {"action": "join"})
    person.refresh_from_db()
    assert person.status == Participant.Status.ACTIVE


def test_joining_with_an_address_already_in_the_program_reveals_nothing(
    client: Client, program: PairingProgram
) -> None:
    known = program.participants.first()
    assert known is not None
    url = reverse("pairing:join", kwargs={"join_token": program.join_token})
    data = {"name": "X", "email": known.email, "department": "IT", "language": "sv"}
    first = client.post(url, data)
    unknown = client.post(url, data | {"email": "ny@nordljus.example.org"})
    assert first.status_code == unknown.status_code == 200
    assert first.content.decode().count("<h1>") == unknown.content.decode().count("<h1>")
    known.refresh_from_db()
    assert known.name != "X"


def test_joining_is_limited_per_address(client: Client, program: PairingProgram) -> None:
    url = reverse("pairing:join", kwargs={"join_token": program.join_token})
    data = {"name": "X", "email": "ny@nordljus.example.org", "department": "IT", "language": "sv"}
    with mock.patch("django.conf.settings.NATVERK_APPLY_LIMIT_PER_ADDRESS", 2):
        answers = [client.post(url, data).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    assert Message.objects.filter(kind="natverk.pairing.confirm").count() == 1  # once a day


def _me(person: Participant) -> str:
    return reverse(
        "pairing:me",
        kwargs={"participant_token": tokens.make(tokens.PARTICIPANT, person.pk, person.program_id)},
    )


def test_a_colleague_pauses_skips_leaves_and_names_departments_they_are_curious_about(
    client: Client, program: PairingProgram
) -> None:
    person = program.participants.order_by("pk").first()
    assert person is not None
    url = _me(person)
    client.post(url, {"action": "skip"})
    person.refresh_from_db()
    assert person.skip_next
    client.post(url, {"action": "pause"})
    person.refresh_from_db()
    assert person.status == Participant.Status.PAUSED
    client.post(url, {"action": "resume"})
    other = program.participants.exclude(department=person.department).first()
    assert other is not None
    client.post(
        url,
        {"action": "wishes", "curious": [other.department], "offers": "Excel", "language": "da"},
    )
    person.refresh_from_db()
    assert person.curious == [other.department] and person.offers == "Excel"
    assert person.language == "da"
    client.post(url, {"action": "leave"})
    person.refresh_from_db()
    assert person.status == Participant.Status.LEFT


def test_a_colleague_without_a_location_picks_one_of_the_programs_places(
    client: Client, make_program: Callable[..., PairingProgram]
) -> None:
    program = make_program(30, size="lunch", format="in_person")
    person = program.participants.order_by("pk").first()
    assert person is not None
    Participant.objects.filter(pk=person.pk).update(location="")
    url = _me(person)
    page = client.get(url).content.decode()
    assert '<option value="Luleå">Luleå</option>' in page
    wishes = {"action": "wishes", "language": "sv"}
    client.post(url, wishes | {"location": "Atlantis"})  # not one of the program's places
    person.refresh_from_db()
    assert person.location == ""
    client.post(url, wishes | {"location": "Luleå"})
    person.refresh_from_db()
    assert person.location == "Luleå"
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None
    seat = MeetupMember.objects.get(participant=person, meetup__round=made)
    assert {m.participant.location for m in seat.meetup.members.all()} == {"Luleå"}


def _checkin_url(member: MeetupMember) -> str:
    token = tokens.make(tokens.CHECKIN, member.pk, member.meetup.round.program_id)
    return reverse("pairing:checkin", kwargs={"checkin_token": token})


def test_the_check_in_link_opens_a_page_and_one_click_answers(
    client: Client, program: PairingProgram
) -> None:
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None
    member = MeetupMember.objects.filter(meetup__round=made).first()
    assert member is not None
    url = _checkin_url(member)
    assert client.get(url).status_code == 200
    member.refresh_from_db()
    assert member.answer == ""  # a mail scanner opening the link answers nothing
    client.post(url, {"answer": "met"})
    member.refresh_from_db()
    first_time = member.answered_at
    assert member.answer == "met" and first_time is not None
    client.post(url, {"answer": "met"})  # the same link used again
    member.refresh_from_db()
    assert member.answered_at == first_time
    assert MeetupMember.objects.exclude(answer="").count() == 1


def test_a_changed_cut_or_misused_link_gets_a_clear_page_and_changes_nothing(
    client: Client, program: PairingProgram
) -> None:
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None
    member = MeetupMember.objects.filter(meetup__round=made).first()
    assert member is not None
    url = _checkin_url(member)
    token = url.rstrip("/").rsplit("/", 1)[1]
    changed = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    other = tokens.make(tokens.CHECKIN, member.pk + 1, program.pk)  # another's seat, forged?
    forged = other.split(":")[0] + ":" + token.split(":", 1)[1]
    as_me = reverse("pairing:me", kwargs={"participant_token": token})
    for bad in (
        url.replace(token, changed),
        url.replace(token, token[:20]),
        url.replace(token, forged),
        as_me,
    ):
        response = client.post(bad, {"answer": "not_met"})
        assert response.status_code == 404, bad
        assert "link" in response.content.decode().lower()
    assert not MeetupMember.objects.exclude(answer="").exists()


def test_an_expired_link_says_so(client: Client, program: PairingProgram) -> None:
    made = rounds.make_round(program.pk, TODAY)
    assert made is not None
    member = MeetupMember.objects.filter(meetup__round=made).first()
    assert member is not None
    url = _checkin_url(member)
    later = dt.datetime.now(tz=dt.UTC) + tokens.MAX_AGE[tokens.CHECKIN] + dt.timedelta(days=1)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.post(url, {"answer": "met"})
    assert response.status_code == 410
    member.refresh_from_db()
    assert member.answer == ""


def test_a_paused_colleague_with_an_expired_link_gets_a_new_one_by_mail_once_a_day(
    client: Client, program: PairingProgram
) -> None:
    person = program.participants.order_by("pk").first()
    assert person is not None
    Participant.objects.filter(pk=person.pk).update(status=Participant.Status.PAUSED)
    url = reverse(
        "pairing:me",
        kwargs={"participant_token": tokens.make(tokens.PARTICIPANT, person.pk, program.pk)},
    )
    later = dt.datetime.now(tz=dt.UTC) + tokens.MAX_AGE[tokens.PARTICIPANT] + dt.timedelta(days=1)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        offered = client.get(url)
        client.post(url, {"action": "resume"})  # the old link changes nothing
        sent = client.post(url)
        client.post(url)  # asked twice on one day: one e-mail
    assert offered.status_code == 410 and "<form" in offered.content.decode()
    assert sent.status_code == 200
    person.refresh_from_db()
    assert person.status == Participant.Status.PAUSED
    [mail] = Message.objects.filter(kind="natverk.pairing.new_link")
    assert mail.to == person.email
    fresh = re.search(r"https?://[^/\s]+(/pairing/me/\S+/)", mail.body)
    assert fresh is not None
    client.post(fresh.group(1), {"action": "resume"})
    person.refresh_from_db()
    assert person.status == Participant.Status.ACTIVE


def test_a_changed_expired_link_sends_nothing(client: Client, program: PairingProgram) -> None:
    person = program.participants.order_by("pk").first()
    assert person is not None
    token = tokens.make(tokens.PARTICIPANT, person.pk, program.pk)
    changed = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    response = client.post(reverse("pairing:me", kwargs={"participant_token": changed}))
    assert response.status_code == 404
    assert not Message.objects.filter(kind="natverk.pairing.new_link").exists()


def test_signed_values_from_elsewhere_are_not_tokens() -> None:
    value = signing.dumps([1, 1], salt="natverk.other")
    with pytest.raises(tokens.TokenInvalidError):
        tokens.read(tokens.CHECKIN, value)
    with pytest.raises(tokens.TokenInvalidError):
        tokens.read(tokens.CHECKIN, signing.dumps("x", salt=tokens.CHECKIN))


def test_pages_of_another_organisation_are_404(
    client: Client, demo: DemoWorld, program: PairingProgram
) -> None:
    client.force_login(demo.admin)  # administrator of the other organisation
    assert client.get(_url("pairing:detail", program)).status_code == 404
    wrong = reverse(
        "pairing:detail", kwargs={"slug": demo.organisation.slug, "pairing_id": program.pk}
    )
    assert client.get(wrong).status_code == 404
