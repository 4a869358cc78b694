"""At the end the evaluation asks whether the member's goals were met: each person sees
their own goals on the answer page, and the answers feed the anonymous aggregates."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from natverk.accounts.demo import DemoWorld
from natverk.feedback import actions
from natverk.feedback.insights import program_board
from natverk.feedback.models import Kind
from natverk.meetings.demo.space import load_demo_group_space


def test_the_evaluation_shows_own_goals_and_counts_goals_met_only_over_k(
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
    assert "Nådde du dina mål?" in page
    assert "Tre kontakter i andra branscher som jag kan ringa om råd." in page
    other = next(t for pk, t in tokens.items() if pk != demo.member.pk)
    assert other is not None
    assert (
        "Tre kontakter"
        not in client.get(reverse("feedback:answer", kwargs={"link": other})).content.decode()
    )
    k = survey.k
    answered = [t for t in tokens.values() if t][:k]
    for n, token in enumerate(answered[:-1]):
        client.post(
            reverse("feedback:answer", kwargs={"link": token}), {"goals_met": str(n % 5 + 1)}
        )
        evaluation = program_board(program, {})["evaluation"]
        assert evaluation is None  # fewer than k answers: nothing shown
    client.post(reverse("feedback:answer", kwargs={"link": answered[-1]}), {"goals_met": "5"})
    evaluation = program_board(program, {})["evaluation"]
    assert isinstance(evaluation, dict)
    expected = (sum(n % 5 + 1 for n in range(k - 1)) + 5) / k
    assert evaluation["goals_met"] == expected
