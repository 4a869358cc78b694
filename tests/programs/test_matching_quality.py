"""What a run promises about its groups: hopes met and the worst-off member reported on
the run and in the editor, and the leader's hard "different industry" rule (issue 22)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import translation

from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.programs import actions
from natverk.programs.grouping import cohort_for, working_groups
from natverk.programs.models import Group, GroupMember, MatchingRun, Program
from natverk.taxonomy import industry
from tests.programs.conftest import run_worker


def _url(name: str, program: Program, **kw: int) -> str:
    return reverse(f"programs:{name}", kwargs={"slug": DEMO_SLUG, "program_id": program.pk, **kw})


def _run(client: Client, demo: DemoWorld, program: Program) -> MatchingRun:
    client.force_login(demo.leader)
    client.post(_url("start_run", program))
    run_worker()
    run = program.runs.get()
    assert run.status == MatchingRun.Status.DONE, run.error
    return run


def _division(code: str) -> str:
    path = industry(code).path
    return path[1] if len(path) > 1 else ""


def test_a_run_records_and_shows_hopes_met_and_the_worst_off_member(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    run = _run(client, demo, program)
    hoping, met, worst = run.params["hoping"], run.params["hopes_met"], run.params["worst_off"]
    assert 0 < met <= hoping <= program.applications.filter(status="accepted").count()
    worst_name = program.applications.get(pk=worst).name
    page = client.get(_url("run", program, run_id=run.pk), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert f"Hopes met: {met} of {hoping} members" in text and worst_name in text
    editor = client.get(_url("groups", program), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Hopes met: {met} of {hoping} members" in editor


def test_the_different_industry_rule_keeps_industries_apart_in_every_group(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    program.different_industry = True
    program.full_clean()
    program.save(update_fields=["different_industry"])
    _run(client, demo, program)
    for group in Group.objects.filter(program=program, dissolved_at__isnull=True):
        codes = [
            _division(m.application.industry)
            for m in GroupMember.objects.filter(group=group).select_related("application")
            if m.application.industry
        ]
        codes = [c for c in codes if c]
        assert len(codes) == len(set(codes)), (group.number, codes)


def test_moving_someone_next_to_their_industry_is_named_as_the_rule_it_breaks(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    program.different_industry = True
    program.full_clean()
    program.save(update_fields=["different_industry"])
    _run(client, demo, program)
    cohort = cohort_for(program)
    working = working_groups(program, cohort)
    by_division: dict[str, tuple[int, int]] = {}
    for position, members in enumerate(working.members):
        for k in members:
            division = _division(cohort.applicants[k].industry or "")
            if division and division in by_division and by_division[division][0] != position:
                other_group = working.groups[by_division[division][0]]
                member = program.applications.get(pk=cohort.ids[k])
                with translation.override("en"):
                    preview = actions.preview_change(program, member, group=other_group)
                assert any("same industry" in problem for problem in preview.problems)
                return
            by_division.setdefault(division, (position, k))
    raise AssertionError("no two groups share an industry in the demo cohort")
