"""At the end the evaluation asks about each of the member's goals: each person sees their
own goals on the answer page, only the scores are stored, and they feed the anonymous
aggregates (shown once at least k have answered)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from natverk.accounts.demo import DemoWorld
from natverk.feedback import actions
from natverk.feedback.insights import program_board
from natverk.feedback.models import Kind, Response
from natverk.feedback.questions import goal_scores, with_goals
from natverk.meetings.demo.space import load_demo_group_space


def test_the_evaluation_asks_about_each_goal_and_counts_them_only_over_k(
    demo: DemoWorld,
) -> None:
    program = load_demo_group_space(demo)
    survey = actions.open_survey(program, Kind.EVALUATION)
    members = actions.told_members(program)
    tokens = {u.pk: actions.invite(survey, u, base_url="http://testserver") for u in members}
    client = Client()
    own = tokens[demo.member.pk]
    assert own is not None
    page = client.get(reverse("feedback:answer", kwargs={"link": own})).content.decode()
    # One question per goal (the demo member wrote two), none for "were your goals met".
    assert "Tre kontakter i andra branscher som jag kan ringa om råd." in page
    assert 'name="goal_1"' in page and 'name="goal_2"' in page and 'name="goal_3"' not in page
    assert 'name="goals_met"' not in page
    other = next(t for pk, t in tokens.items() if pk != demo.member.pk)
    assert other is not None
    others_page = client.get(reverse("feedback:answer", kwargs={"link": other})).content.decode()
    assert "Tre kontakter" not in others_page and 'name="goals_met"' in others_page
    k = survey.k
    answered = [own, *[t for t in tokens.values() if t and t != own][: k - 1]]
    client.post(
        reverse("feedback:answer", kwargs={"link": own}),
        {"goal_1": "5", "goal_2": "2", "goal_3": "4"},  # a third goal she never wrote
    )
    stored = Response.objects.get(survey=survey).answers
    assert stored == {"goals": [5, 2], "goals_met": 4}  # scores only, no goal's words
    for n, token in enumerate(answered[1:-1]):
        client.post(
            reverse("feedback:answer", kwargs={"link": token}), {"goals_met": str(n % 5 + 1)}
        )
        assert program_board(program, {})["evaluation"] is None  # fewer than k answers
    client.post(reverse("feedback:answer", kwargs={"link": answered[-1]}), {"goals_met": "5"})
    evaluation = program_board(program, {})["evaluation"]
    assert isinstance(evaluation, dict)
    expected = (4 + sum(n % 5 + 1 for n in range(k - 2)) + 5) / k
    assert evaluation["goals_met"] == expected
    assert evaluation["goals_each"] == {2: 1, 5: 1}
    assert evaluation["goals_rated"] == 2 and evaluation["goals_reached"] == 0.5


def test_goal_scores_keep_only_answers_in_range_for_goals_the_person_wrote() -> None:
    data = {"goal_1": ["3"], "goal_2": ["9"], "goal_3": ["x"], "goal_4": ["5"]}
    assert goal_scores(data, 3) == [3]
    assert goal_scores({}, 3) == []
    assert with_goals({"nps": 9}, []) == {"nps": 9}
    assert with_goals({"goals_met": 2}, [5, 5]) == {"goals_met": 2, "goals": [5, 5]}
