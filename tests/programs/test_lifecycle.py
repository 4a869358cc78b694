"""Nothing lost in the leader's workflow: re-runs, locks, publishing, status changes and
the group editor keep what people were given (issue 11, items 1, 2, 4, 5, 6, 8, 11)."""

from __future__ import annotations

import itertools

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.meetings.models import Meeting
from natverk.meetings.publishing import plan_publishing, publish_changes
from natverk.outbox.actions import deliver_due
from natverk.outbox.models import Message
from natverk.programs import actions
from natverk.programs.models import Application, Group, GroupMember, MatchingRun, Program
from natverk.schedule import SLOTS
from tests.programs.conftest import run_worker

S = DEMO_SLUG


def _url(name: str, program: Program, **kw: int) -> str:
    return reverse(f"programs:{name}", kwargs={"slug": S, "program_id": program.pk, **kw})


def _matched(client: Client, demo: DemoWorld, program: Program) -> list[Group]:
    client.force_login(demo.leader)
    client.post(_url("start_run", program))
    run_worker()
    return list(program.groups.order_by("number"))


def _placed(program: Program) -> list[int]:
    return list(
        GroupMember.objects.filter(group__program=program, group__dissolved_at__isnull=True)
        .values_list("application_id", flat=True)
        .order_by("application_id")
    )


def _accepted(program: Program) -> list[int]:
    return list(
        program.applications.filter(status="accepted").values_list("pk", flat=True).order_by("pk")
    )


def _publish(program: Program) -> int:
    done = publish_changes(program)
    deliver_due()
    return done.mails


def _content(attachment: object) -> str:
    content = attachment[1]  # type: ignore[index]
    return content.decode() if isinstance(content, bytes) else str(content)


def _uids(program: Program) -> dict[int, tuple[str, list[int]]]:
    return {
        g.pk: (str(g.uid), sorted(g.meetings.values_list("pk", flat=True)))
        for g in program.groups.filter(published_at__isnull=False, dissolved_at__isnull=True)
    }


# 1. Lock + re-run ----------------------------------------------------------------------


def test_rerun_with_a_locked_group_places_every_accepted_person(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    groups = _matched(client, demo, program)
    big = max(groups, key=lambda g: g.members.count())
    small = min((g for g in groups if g != big), key=lambda g: g.members.count())
    moved = big.members.first().application
    # Move someone out of a group, then lock that group (now one short).
    GroupMember.objects.filter(application=moved).update(group=small)
    client.post(_url("lock", program, group_id=big.pk), {"locked": "1"})
    kept = set(big.members.values_list("application_id", flat=True))
    client.post(_url("start_run", program))
    run_worker()
    run = MatchingRun.objects.filter(program=program).first()
    assert run is not None and run.status == MatchingRun.Status.DONE
    assert _placed(program) == _accepted(program)  # everyone in exactly one group
    assert (
        set(Group.objects.get(pk=big.pk).members.values_list("application_id", flat=True)) == kept
    )
    assert moved.pk not in kept
    assert _publish(program) == len(_accepted(program))


def test_a_run_that_cannot_place_everyone_is_refused_naming_who(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    groups = _matched(client, demo, program)
    for group in groups:
        actions.set_locked(group, True)
    late = program.applications.filter(status="submitted").first()
    actions.set_application_status(late, "accepted")
    response = client.post(_url("start_run", program), follow=True)
    page = response.content.decode()
    assert late.name in page and "låsta grupperna" in page
    assert MatchingRun.objects.filter(program=program).count() == 1


def test_a_second_run_while_one_is_under_way_is_refused(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    client.post(_url("start_run", program))
    response = client.post(_url("start_run", program), follow=True)
    assert "pågår redan" in response.content.decode()
    assert MatchingRun.objects.filter(program=program).count() == 1


# 2. Re-run after publishing -------------------------------------------------------------


def test_rerun_after_publishing_is_a_draft_that_keeps_calendars_until_used(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    groups = _matched(client, demo, program)
    actions.set_video_link(groups[0], "https://meet.jit.si/grupp-1")
    _publish(program)
    before = _uids(program)
    member = groups[0].members.first().application
    calendar = reverse("meetings:calendar", kwargs={"slug": S, "group_id": groups[0].pk})
    client.post(_url("start_run", program))
    run_worker()
    draft = MatchingRun.objects.filter(program=program).first()
    assert draft is not None and draft.status == "done" and draft.applied_at is None
    # Nothing changed for members: same groups, meetings, link and calendar URL.
    assert _uids(program) == before
    assert Group.objects.get(pk=groups[0].pk).video_url == "https://meet.jit.si/grupp-1"
    client.force_login(member.user)
    assert client.get(calendar).status_code == 200
    # The leader compares the draft with the published groups, then uses it.
    client.force_login(demo.leader)
    page = client.get(_url("run", program, run_id=draft.pk)).content.decode()
    assert "Jämfört med nuvarande grupper" in page and "Använd de här grupperna" in page
    client.post(_url("use_run", program, run_id=draft.pk))
    after = _uids(program)
    # Groups that continue keep their UID, meetings and calendar URL.
    for pk in after.keys() & before.keys():
        assert after[pk] == before[pk]
    assert _placed(program) == _accepted(program)


def test_publishing_a_change_tells_only_the_people_affected(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    groups = _matched(client, demo, program)
    _publish(program)
    mail.outbox.clear()
    # Two members of different groups who may swap (which groups, depends on what the
    # time-limited search made).
    a, b, first, second = next(
        (x.application, y.application, g, h)
        for g, h in itertools.combinations(groups, 2)
        for x in g.members.all()
        for y in h.members.all()
        if not actions.preview_change(program, x.application, other=y.application).problems
    )
    actions.swap_members(program, a, b)
    plan = plan_publishing(program)
    assert {x.pk for x, _old, _new in plan.moved} == {a.pk, b.pk}
    sent = _publish(program)
    to_a = [m for m in mail.outbox if m.to == [a.email]]
    assert len(to_a) == 1 and len(to_a[0].attachments) == 2
    cancel = icalendar.Calendar.from_ical(_content(to_a[0].attachments[0]))
    assert cancel["METHOD"] == "CANCEL"
    assert all(e["STATUS"] == "CANCELLED" for e in cancel.walk("VEVENT"))
    # The movers, and the continuing members of both groups (told who joined and left).
    others = first.members.count() + second.members.count() - 2
    assert sent == len(mail.outbox) == 2 + others


# 4. Publishing twice ----------------------------------------------------------------------


def test_publishing_twice_sends_nothing_the_second_time(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    _matched(client, demo, program)
    url = reverse("meetings:publish", kwargs={"slug": S, "program_id": program.pk})
    count = len(_accepted(program))
    assert f'value="{count}"' in client.get(url).content.decode()
    client.post(url, {"expected": count})
    client.post(url, {"expected": count})
    deliver_due()
    assert len(mail.outbox) == count
    assert "Inget har ändrats" in client.get(url).content.decode()
    log = client.get(_url("mail_log", program)).content.decode()
    assert log.count("Din grupp") == count  # "Din grupp i" or, in Danish, "Din gruppe i"


def test_publishing_refuses_when_the_groups_changed_since_the_summary(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    _matched(client, demo, program)
    url = reverse("meetings:publish", kwargs={"slug": S, "program_id": program.pk})
    response = client.post(url, {"expected": 3}, follow=True)
    assert "ändrades medan du tittade" in response.content.decode()
    assert Message.objects.count() == 0


# 5. Status changes ------------------------------------------------------------------------


def test_waitlisting_a_member_takes_them_out_of_every_view_at_once(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    groups = _matched(client, demo, program)
    _publish(program)
    mail.outbox.clear()
    leaving = groups[0].members.first().application
    staying = groups[0].members.exclude(application=leaving).first().application
    client.post(
        _url("application_status", program, application_id=leaving.pk), {"status": "waitlisted"}
    )
    deliver_due()
    assert not GroupMember.objects.filter(application=leaving).exists()
    # The others no longer see them; they lose the group's calendar; they are told.
    client.force_login(staying.user)
    page = client.get(reverse("accounts:organisation", kwargs={"slug": S})).content.decode()
    assert leaving.name not in page
    client.force_login(leaving.user)
    calendar = reverse("meetings:calendar", kwargs={"slug": S, "group_id": groups[0].pk})
    assert client.get(calendar).status_code == 404
    assert [m.to for m in mail.outbox] == [[leaving.email]]
    assert "CANCEL" in _content(mail.outbox[0].attachments[0])


# 6. The group editor ---------------------------------------------------------------------


def test_the_group_editor_answers_on_a_program_without_groups(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    assert client.get(_url("groups", program)).status_code == 200
    member = program.applications.filter(status="accepted").first()
    response = client.post(_url("preview", program), {"member": member.pk, "target": "group:1"})
    assert response.status_code == 200
    assert "Välj en grupp" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"target": "group:1"},
        {"member": "", "target": ""},
        {"member": "abc", "target": "swap:xyz"},
        {"member": "999999", "target": "group:999999"},
        {"target": "swap:1"},
    ],
)
def test_preview_answers_any_order_of_choices(
    client: Client, demo: DemoWorld, program: Program, data: dict[str, str]
) -> None:
    _matched(client, demo, program)
    response = client.post(_url("preview", program), data)
    assert response.status_code == 200
    response = client.post(_url("change", program), data)
    assert response.status_code == 302


def test_a_newly_accepted_person_is_unassigned_and_can_be_placed(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    groups = _matched(client, demo, program)
    late = program.applications.filter(status="submitted").first()
    assert late is not None
    # A late applicant who can meet any time and has no employer in common with anyone,
    # so that some group fits them whatever groups the time-limited search made.
    Application.objects.filter(pk=late.pk).update(availability=",".join(SLOTS), employer="")
    late.refresh_from_db()
    actions.set_application_status(late, "accepted")
    page = client.get(_url("groups", program)).content.decode()
    assert "Utan grupp (1)" in page and late.name in page
    # Any group the late applicant fits (their meeting times and employer allow it).
    smallest = next(
        g
        for g in sorted(groups, key=lambda g: g.members.count())
        if not actions.preview_change(program, late, group=g).problems
    )
    preview = client.post(
        _url("preview", program), {"member": late.pk, "target": f"group:{smallest.pk}"}
    )
    assert preview.status_code == 200 and "Ändring i poäng" in preview.content.decode()
    client.post(_url("change", program), {"member": late.pk, "target": f"group:{smallest.pk}"})
    assert GroupMember.objects.get(application=late).group == smallest
    assert _placed(program) == _accepted(program)


def test_duplicate_names_show_profession_and_employer_in_the_pickers(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    _matched(client, demo, program)
    first, second = program.applications.filter(status="accepted")[:2]
    Application.objects.filter(pk__in=[first.pk, second.pk]).update(name="Anna Andersson")
    Application.objects.filter(pk=first.pk).update(employer="Vattenfall AB")
    Application.objects.filter(pk=second.pk).update(employer="ICA Gruppen")
    page = client.get(_url("groups", program)).content.decode()
    assert "Anna Andersson (" in page
    assert "Vattenfall AB)" in page and "ICA Gruppen)" in page


# 8. Editing -------------------------------------------------------------------------------


def test_program_can_be_edited_and_softly_deleted_after_confirmation(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    form = client.get(_url("edit", program)).content.decode()
    assert program.title in form
    client.post(_url("delete", program), {"confirm": "fel titel"})
    assert Program.objects.filter(pk=program.pk).exists()
    client.post(_url("delete", program), {"confirm": program.title})
    assert not Program.objects.filter(pk=program.pk).exists()
    assert Program.all_objects.filter(pk=program.pk).exists()  # kept for the record
    assert client.get(_url("detail", program)).status_code == 404
    apply = reverse("programs:apply", kwargs={"token": program.apply_token})
    assert client.get(apply).status_code == 404


def test_questions_can_be_reworded_and_removed(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    question = actions.add_question(program, "Vilken bok läser du?")
    url = _url("question", program, question_id=question.pk)
    client.post(url, {"text": "Vilken bok läser du just nu?"})
    question.refresh_from_db()
    assert question.text == "Vilken bok läser du just nu?"
    client.post(url, {"text": "rad ett\nrad två"})
    question.refresh_from_db()
    assert question.text == "Vilken bok läser du just nu?"
    client.post(url, {"delete": "1"})
    assert not program.questions.exists()


def test_application_page_shows_profile_and_answers_and_a_decline_button(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    question = actions.add_question(program, "Vilken bok läser du?")
    application = program.applications.first()
    Application.objects.filter(pk=application.pk).update(
        answers={str(question.pk): "Tystnadens historia"}, availability="tue-evening"
    )
    page = client.get(_url("application", program, application_id=application.pk))
    text = page.content.decode()
    assert "Tystnadens historia" in text and "tisdag kväll" in text
    assert 'value="declined"' in text
    client.post(
        _url("application_status", program, application_id=application.pk), {"status": "declined"}
    )
    application.refresh_from_db()
    assert application.status == "declined"


# 7. Meetings in the series -----------------------------------------------------------------


def test_moving_a_meeting_sends_members_the_update_with_the_same_uid(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    groups = _matched(client, demo, program)
    _publish(program)
    mail.outbox.clear()
    meeting = Meeting.objects.filter(group=groups[0]).order_by("number").first()
    url = reverse(
        "meetings:move", kwargs={"slug": S, "program_id": program.pk, "meeting_id": meeting.pk}
    )
    client.post(url, {"date": "2027-04-06", "time": "18:00"})
    deliver_due()
    meeting.refresh_from_db()
    assert meeting.sequence == 1 and meeting.starts_at.hour in (16, 17)  # 18:00 in Stockholm
    assert len(mail.outbox) == groups[0].members.count()
    events = icalendar.Calendar.from_ical(_content(mail.outbox[0].attachments[0])).walk("VEVENT")
    moved = next(e for e in events if int(e["SEQUENCE"]) == 1)
    assert str(moved["UID"]).startswith(str(groups[0].uid))
    series = client.get(reverse("meetings:series", kwargs={"slug": S, "program_id": program.pk}))
    assert "6 apr. 2027" in series.content.decode() or "2027" in series.content.decode()


def test_meetings_stay_in_the_programs_period(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    import datetime as dt

    Program.objects.filter(pk=program.pk).update(
        first_meeting_on=dt.date(2026, 12, 14), span_weeks=10, meeting_count=4
    )
    program.refresh_from_db()
    _matched(client, demo, program)
    _publish(program)
    for group in program.groups.all():
        days = [m.starts_at.date() for m in group.meetings.order_by("number")]
        assert all(not (d.month == 12 and d.day >= 20) for d in days)
        assert (days[-1] - days[0]).days <= 10 * 7 + 7


def test_a_published_program_is_running_once_its_first_meeting_began(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    import datetime as dt

    from natverk.meetings.tasks import start_running_programs

    _matched(client, demo, program)
    _publish(program)
    first = Meeting.objects.filter(group__program=program).order_by("starts_at").first()
    assert start_running_programs(first.starts_at - dt.timedelta(minutes=1)) == 0
    assert start_running_programs(first.starts_at + dt.timedelta(minutes=1)) == 1
    program.refresh_from_db()
    assert program.status == Program.Status.RUNNING
