"""What a run promises about its groups: hopes met and the worst-off member reported on
the run and in the editor, and the leader's hard "different industry" rule (issue 22)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.matching.affinity import normalise_employer
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


def _industries_apart(program: Program) -> None:
    """Ask for different industries in every group, in groups small enough for the demo
    cohort's industries (eight people of one division cannot spread over five groups)."""
    program.different_industry = True
    program.group_min, program.group_max = 2, 3
    program.full_clean()
    program.save(update_fields=["different_industry", "group_min", "group_max"])


def test_the_different_industry_rule_keeps_industries_apart_in_every_group(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    _industries_apart(program)
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
    _industries_apart(program)
    _run(client, demo, program)
    cohort = cohort_for(program)
    working = working_groups(program, cohort)
    people = cohort.applicants
    for k in range(len(cohort)):
        division = _division(people[k].industry) if people[k].industry else ""
        for position, members in enumerate(working.members):
            if k in members or not division:
                continue
            same_industry = any(_division(people[j].industry or "") == division for j in members)
            same_employer = any(
                normalise_employer(people[j].employer) == normalise_employer(people[k].employer)
                for j in members
            )
            if same_industry and not same_employer:
                member = program.applications.get(pk=cohort.ids[k])
                with translation.override("en"):
                    problems = actions.preview_change(
                        program, member, group=working.groups[position]
                    ).problems
                assert any("same industry" in problem for problem in problems), problems
                return
    raise AssertionError("no group holds someone of another's industry in the demo cohort")


def _same_employer(program: Program, count: int) -> list[str]:
    """Give ``count`` accepted applicants one employer; their names."""
    chosen = list(program.applications.filter(status="accepted").order_by("id")[:count])
    for application in chosen:
        application.employer = "Nordfjord Testbolag AB"
        application.save(update_fields=["employer"])
    return [a.name for a in chosen]


def test_more_colleagues_than_groups_are_refused_naming_the_employer_and_run_when_allowed(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    groups = -(-program.applications.filter(status="accepted").count() // program.group_max)
    names = _same_employer(program, groups + 1)
    client.force_login(demo.leader)
    page = client.post(_url("start_run", program), HTTP_ACCEPT_LANGUAGE="en", follow=True)
    text = page.content.decode()
    assert f"{groups + 1} of the people to place work for Nordfjord Testbolag AB" in text
    assert names[0] in text and f"only {groups} groups" in text
    assert not program.runs.exists()

    program.different_employer = False
    program.save(update_fields=["different_employer"])
    _run(client, demo, program)
    assert GroupMember.objects.filter(group__program=program).count() == len(cohort_for(program))


def test_the_industry_rule_with_more_of_one_industry_than_groups_names_the_industry(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    program.different_industry = True
    program.save(update_fields=["different_industry"])
    client.force_login(demo.leader)
    refused = pytest.raises(actions.ProgramError, match="arbetar inom .* men det finns bara")
    with translation.override("sv"), refused:
        actions.start_matching_run(program, by=demo.leader)
    assert not program.runs.exists()


def test_the_editor_previews_moves_when_colleagues_outnumber_the_groups(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    _run(client, demo, program)
    groups = Group.objects.filter(program=program, dissolved_at__isnull=True).count()
    _same_employer(program, groups + 2)
    cohort = cohort_for(program)
    working = working_groups(program, cohort)
    member = program.applications.get(pk=cohort.ids[working.members[0][0]])
    with translation.override("en"):
        preview = actions.preview_change(program, member, group=working.groups[1])
    assert isinstance(preview.delta, float)
    page = client.get(_url("groups", program), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
