"""Pages rendered in part from the derived cache are never stale and keep their forms
working: the cached parts are named by what they show, and carry no CSRF token."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.meetings.demo import YearSize, load_demo_year
from natverk.programs.models import Application, Group, GroupMember, Program

S = DEMO_SLUG


def _csrf_client(user: object) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _token(html: str, form_id: str = "") -> str:
    """The CSRF token of the form with ``form_id`` (or of the first form)."""
    scope = html[html.index(f'id="{form_id}"') :] if form_id else html
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', scope)
    assert match, f"no CSRF token in form {form_id!r}"
    return match.group(1)


@pytest.fixture
def year(demo: DemoWorld) -> DemoWorld:
    load_demo_year(demo, YearSize(programs=1, groups_per_program=3, group_size=6))
    return demo


def _published(demo: DemoWorld) -> Program:
    program = Program.objects.filter(organisation=demo.organisation, groups__isnull=False)
    found = program.filter(published_at__isnull=False).order_by("id").first()
    assert found is not None
    return found


def test_program_page_shows_a_status_change_at_once(year: DemoWorld) -> None:
    program = _published(year)
    application = program.applications.order_by("id").first()
    assert application is not None
    url = reverse("programs:detail", kwargs={"slug": S, "program_id": program.pk})
    status_url = reverse(
        "programs:application_status",
        kwargs={"slug": S, "program_id": program.pk, "application_id": application.pk},
    )
    client = _csrf_client(year.leader)
    page = client.get(url).content.decode()
    assert f'formaction="{status_url}" name="status" value="declined"' in page
    token = _token(page, "application-status")
    assert (
        client.post(status_url, {"status": "declined", "csrfmiddlewaretoken": token}).status_code
        == 302
    )
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    again = client.get(url).content.decode()
    assert f'formaction="{status_url}" name="status" value="declined"' not in again
    assert f'formaction="{status_url}" name="status" value="accepted"' in again


def test_program_list_shows_a_new_title_at_once(year: DemoWorld, client: Client) -> None:
    program = _published(year)
    client.force_login(year.leader)
    url = reverse("programs:list", kwargs={"slug": S})
    assert program.title in client.get(url).content.decode()
    Program.objects.filter(pk=program.pk).update(title="Ett helt nytt namn")
    assert "Ett helt nytt namn" in client.get(url).content.decode()


def test_editor_forms_work_for_a_second_leader_after_the_first_filled_the_cache(
    year: DemoWorld,
) -> None:
    program = _published(year)
    group = program.groups.order_by("number").first()
    assert group is not None and not group.locked
    url = reverse("programs:groups", kwargs={"slug": S, "program_id": program.pk})
    first = _csrf_client(year.leader).get(url).content.decode()
    rerun = reverse("programs:start_run", kwargs={"slug": S, "program_id": program.pk})
    cached = first[first.index('<div class="cards groups">') : first.index(rerun)]
    assert "csrfmiddlewaretoken" not in cached, "a cached part must not carry a token"
    other = _csrf_client(year.leader)  # another session: another CSRF secret
    page = other.get(url).content.decode()
    assert f'form="lock-form-{group.pk}" name="locked" value="1"' in page
    token = _token(page, f"lock-form-{group.pk}")
    lock = reverse(
        "programs:lock", kwargs={"slug": S, "program_id": program.pk, "group_id": group.pk}
    )
    assert other.post(lock, {"locked": "1", "csrfmiddlewaretoken": token}).status_code == 302
    group.refresh_from_db()
    assert group.locked
    after = other.get(url).content.decode()
    assert f'form="lock-form-{group.pk}" name="locked" value="0"' in after


def test_editor_forms_post_to_each_groups_own_lock_and_video_views(
    year: DemoWorld, client: Client
) -> None:
    program = _published(year)
    client.force_login(year.leader)
    page = client.get(
        reverse("programs:groups", kwargs={"slug": S, "program_id": program.pk})
    ).content.decode()
    groups = list(program.groups.filter(dissolved_at__isnull=True))
    assert groups
    for group in groups:
        kwargs = {"slug": S, "program_id": program.pk, "group_id": group.pk}
        for name, form in (("programs:lock", "lock-form"), ("programs:video", "video-form")):
            action = reverse(name, kwargs=kwargs)
            assert f'<form id="{form}-{group.pk}" method="post" action="{action}"' in page


def test_per_group_addresses_keep_a_slug_that_looks_like_the_placeholder() -> None:
    from natverk.programs.views.groups import _ANY_GROUP, _per_group

    slug = f"org-{_ANY_GROUP}"
    groups = [Group(pk=7), Group(pk=12)]
    got = _per_group("programs:lock", slug, 3, groups)
    assert got == [
        reverse("programs:lock", kwargs={"slug": slug, "program_id": 3, "group_id": pk})
        for pk in (7, 12)
    ]


def test_editor_shows_a_moved_member_and_a_new_video_link(year: DemoWorld, client: Client) -> None:
    program = _published(year)
    first, second = list(program.groups.order_by("number"))[:2]
    client.force_login(year.leader)
    url = reverse("programs:groups", kwargs={"slug": S, "program_id": program.pk})
    client.get(url)
    Group.objects.filter(pk=first.pk).update(video_url="https://meet.example/ny-lank")
    moving = GroupMember.objects.filter(group=first).order_by("id").first()
    assert moving is not None
    GroupMember.objects.filter(pk=moving.pk).update(group=second)
    page = client.get(url).content.decode()
    assert 'value="https://meet.example/ny-lank"' in page
    card = page[page.index(f'id="group-{second.number}"') :].split("</section>")[0]
    assert moving.application.name in card


def test_member_page_shows_a_new_meeting_theme_at_once(year: DemoWorld, client: Client) -> None:
    from natverk.meetings.models import Meeting

    member = (
        GroupMember.objects.filter(
            group__program__published_at__isnull=False,
            application__user__isnull=False,
            application__status="accepted",
        )
        .select_related("application__user", "group")
        .first()
    )
    assert member is not None and member.application.user is not None
    meeting = member.group.meetings.order_by("starts_at").first()
    assert meeting is not None
    soon = timezone.now() + dt.timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=soon, ends_at=soon + dt.timedelta(minutes=90), cancelled_at=None
    )
    client.force_login(member.application.user)
    url = reverse("accounts:organisation", kwargs={"slug": S})
    client.get(url)
    Meeting.objects.filter(pk=meeting.pk).update(theme="Ett nytt tema för mötet")
    assert "Ett nytt tema för mötet" in client.get(url).content.decode()


def test_editor_names_the_latest_run_the_one_under_way_and_the_three_newest_unused(
    year: DemoWorld, client: Client
) -> None:
    from natverk.programs.models import MatchingRun

    program = _published(year)
    base = max(program.runs.values_list("number", flat=True), default=0)  # the demo's own
    done, running, failed = (MatchingRun.Status.DONE, MatchingRun.Status.RUNNING, "failed")
    plan = [(1, done, True), (2, failed, False), *[(n, done, False) for n in range(3, 8)]]
    for number, status, applied in [*plan, (8, running, False)]:
        MatchingRun.objects.create(
            program=program,
            number=base + number,
            status=status,
            seed=number,
            objective=10.0 * number,
            applied_at=timezone.now() if applied else None,
        )
    client.force_login(year.leader)
    url = reverse("programs:groups", kwargs={"slug": S, "program_id": program.pk})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    runs = {r.number - base: r.pk for r in program.runs.filter(number__gt=base)}

    def run_url(number: int) -> str:
        kwargs = {"slug": S, "program_id": program.pk, "run_id": runs[number]}
        return reverse("programs:run", kwargs=kwargs)

    assert f"Matching run {base + 7}: score 70.0" in page
    assert f'<a href="{run_url(8)}">A matching run is under way.</a>' in page
    notices = re.findall(r"Run (\d+) is finished but not used yet\.", page)
    assert [int(n) - base for n in notices] == [7, 6, 5]  # newest first, three at most
    assert all(f'href="{run_url(n)}"' in page for n in (5, 6, 7))
