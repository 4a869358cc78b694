"""Anonymous feedback: one answer per link, no link to the person, results only over k
answers and k at a time, and no view of the insights singles anyone out."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.feedback import actions
from natverk.feedback.models import Kind, Response, Survey
from natverk.feedback.tasks import open_pulses
from natverk.meetings.models import Meeting
from natverk.meetings.publishing import publish_changes
from natverk.outbox.actions import deliver_due
from natverk.programs import actions as program_actions
from natverk.programs.models import Group, Program
from tests.programs.conftest import run_worker

S = DEMO_SLUG


@pytest.fixture
def published(demo: DemoWorld, program: Program) -> Program:
    """The demo program matched (groups of 6-8) and published."""
    program_actions.start_matching_run(program, by=demo.leader, time_limit=0.5)
    run_worker()
    publish_changes(program)
    deliver_due()
    mail.outbox.clear()
    return program


def _first_meeting_ended(program: Program) -> Meeting:
    meeting = Meeting.objects.filter(group__program=program, number=1).order_by("group__number")[0]
    Meeting.objects.filter(group__program=program, number=1).update(
        starts_at=timezone.now() - dt.timedelta(hours=3),
        ends_at=timezone.now() - dt.timedelta(hours=1, minutes=30),
    )
    meeting.refresh_from_db()
    return meeting


def _links() -> dict[str, str]:
    """Each invited address -> the token in its mail."""
    deliver_due()
    out = {}
    for message in mail.outbox:
        found = re.search(r"/feedback/([\w-]+)/", message.body)
        if found:
            out[message.to[0]] = found.group(1)
    return out


def _answer(client: Client, token: str, value: str, **more: str) -> int:
    data = {"value": value, "spoke": "yes", "energy": "gave", "keep": "Öppningsrundan"} | more
    return client.post(reverse("feedback:answer", kwargs={"link": token}), data).status_code


def test_a_pulse_goes_to_the_group_after_its_meeting_and_each_link_answers_once(
    client: Client, published: Program
) -> None:
    meeting = _first_meeting_ended(published)
    assert open_pulses() > 0
    assert open_pulses() == 0  # idempotent: nobody is invited twice
    links = _links()
    group_emails = {p.application.email for p in meeting.group.placements.all()}
    assert group_emails <= set(links)
    token = links[next(iter(group_emails))]
    assert _answer(client, token, "4") == 200
    response = Response.objects.get()
    fields = {f.name for f in Response._meta.get_fields()}
    assert not fields & {"user", "invitation", "created_at", "ip", "user_agent"}
    assert response.day == timezone.localdate() and response.answers["value"] == 4
    # The same link again: refused, nothing more stored.
    page = client.post(reverse("feedback:answer", kwargs={"link": token}), {"value": "1"})
    assert "redan svarat" in page.content.decode()
    assert Response.objects.count() == 1
    assert client.get(reverse("feedback:answer", kwargs={"link": "x" * 32})).status_code == 404


def test_results_appear_at_the_kth_answer_and_move_k_at_a_time(
    client: Client, demo: DemoWorld, published: Program
) -> None:
    k = published.organisation.min_report_size
    survey = actions.open_survey(published, Kind.PULSE, _first_meeting_ended(published))
    users = actions.told_members(published)[: 2 * k]
    tokens = [actions.invite(survey, u, base_url="http://testserver") for u in users]
    url = reverse("feedback:program", kwargs={"slug": S, "program_id": published.pk})
    client.force_login(demo.leader)
    shown: list[bool] = []
    for n, token in enumerate(tokens, start=1):
        assert token is not None
        _answer(Client(), token, "5")
        page = client.get(url).content.decode()
        shown.append(f"({k})" in page or f"({2 * k})" in page)
        if n == k + 1:
            assert f"({k})" in page and f"({k + 1})" not in page  # still the first batch
    assert shown == [False] * (k - 1) + [True] * (k + 1)


def test_a_member_sees_the_groups_results_only_over_k_answers(
    client: Client, published: Program
) -> None:
    meeting = _first_meeting_ended(published)
    survey = actions.open_survey(published, Kind.PULSE, meeting)
    members = actions.told_members(published, meeting.group_id)
    url = reverse("feedback:group", kwargs={"slug": S, "group_id": meeting.group_id})
    client.force_login(members[0])
    for user in members[: published.organisation.min_report_size - 1]:
        _answer(Client(), actions.invite(survey, user, base_url="http://t") or "", "4")
    assert "när minst" in client.get(url).content.decode()
    last = members[published.organisation.min_report_size - 1]
    _answer(Client(), actions.invite(survey, last, base_url="http://t") or "", "4")
    assert "4,0" in client.get(url).content.decode()


def test_a_closed_survey_takes_no_more_answers(client: Client, published: Program) -> None:
    survey = actions.open_survey(published, Kind.PULSE, _first_meeting_ended(published))
    token = actions.invite(survey, actions.told_members(published)[0], base_url="http://t")
    Survey.objects.filter(pk=survey.pk).update(closes_on=timezone.localdate() - dt.timedelta(1))
    page = client.post(reverse("feedback:answer", kwargs={"link": token}), {"value": "3"})
    assert "stängt" in page.content.decode() and not Response.objects.exists()


def _displayed(page: str) -> list[tuple[str, int]]:
    """(row label, answers) of every figure a dashboard page shows."""
    return [
        (m.group(1), int(m.group(2)))
        for m in re.finditer(r"<tr><td>(\d+)</td>\s*<td><svg.*?\((\d+)\)</small>", page, re.S)
    ]


def test_no_filter_combination_reveals_the_one_member_who_differs(
    client: Client, demo: DemoWorld, published: Program
) -> None:
    """Attack test: one lawyer among communicators rates every meeting 1, the rest 5.
    Every view and export, under every filter, shows only figures over at least k answers
    whose differences never isolate fewer than k answers."""
    k = published.organisation.min_report_size
    groups = list(Group.objects.filter(program=published).order_by("number"))
    for number in (1, 2):
        for group in groups:
            meeting = group.meetings.get(number=number)
            survey = actions.open_survey(published, Kind.PULSE, meeting)
            for i in range(group.placements.count()):
                lawyer = group.number == 1 and i == 0
                attrs = {
                    "group": str(group.number),
                    "meeting": str(number),
                    "period": "2027-03",
                    "profession": "2",
                    "industry": "K" if lawyer else "D",
                }
                value = 1 if lawyer else 5
                Response.objects.create(
                    survey=survey,
                    day=timezone.localdate(),
                    batch=0,
                    attributes=attrs,
                    answers={"value": value},
                )
            Survey.objects.filter(pk=survey.pk).update(k=1)  # every batch complete
    client.force_login(demo.leader)
    base = reverse("feedback:program", kwargs={"slug": S, "program_id": published.pk})
    seen: dict[tuple[str, ...], tuple[int, float]] = {}
    for industry, profession in itertools.product(["", "D", "K"], ["", "2", "3"]):
        query = {"industry": industry, "profession": profession}
        page = client.get(base, query).content.decode()
        assert page.count("(1)") == 0
        for label, n in _displayed(page):
            assert n >= k, (query, label, n)
            seen[(industry, profession, label)] = (n, 0.0)
        export = client.get(base + "export.csv", query).content.decode()
        for line in export.splitlines()[1:]:
            assert int(line.split(",")[-1]) >= k
    # The lawyer's industry alone is never shown.
    assert not any(key[0] == "K" for key in seen)


def test_a_member_who_leaves_gets_the_exit_survey_once(published: Program) -> None:
    from natverk.programs import space
    from natverk.programs.models import Participation

    placement = published.groups.first().placements.select_related("application").first()
    application = placement.application
    participation, _ = Participation.objects.get_or_create(application=application)
    space.pause(participation, "Mycket på jobbet")
    space.resume(participation)
    space.pause(participation)
    deliver_due()
    to_them = [m for m in mail.outbox if m.to == [application.email] and "/feedback/" in m.body]
    assert len(to_them) == 1
    assert Survey.objects.filter(program=published, kind=Kind.EXIT).count() == 1
