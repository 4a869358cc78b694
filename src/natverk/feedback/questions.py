"""The questions of each kind of survey (built in, from data/questions.json, plus the
organisation's template and the leader's own) and the cleaning of submitted answers."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from natverk.feedback.models import Question, Survey
from natverk.site.numbers import whole_number

#: Longest free-text answer kept.
TEXT_LIMIT = 1000


@dataclass(frozen=True)
class Choice:
    """One option of a choice question."""

    key: str
    text: Mapping[str, str]

    def label(self, lang: str) -> str:
        """The option in ``lang`` (English when missing)."""
        return self.text.get(lang) or self.text["en"]


@dataclass(frozen=True)
class Ask:
    """One question as a survey asks it."""

    key: str
    answer: str  # scale5, scale11, yesno, choice, multi, text
    text: Mapping[str, str]
    choices: tuple[Choice, ...] = ()

    def label(self, lang: str) -> str:
        """The question in ``lang`` (English when missing)."""
        return self.text.get(lang) or self.text.get("en") or next(iter(self.text.values()))


@cache
def _builtin() -> dict[str, tuple[Ask, ...]]:
    data = json.loads((Path(__file__).parent / "data" / "questions.json").read_text("utf-8"))
    return {
        kind: tuple(
            Ask(
                key=q["key"],
                answer=q["answer"],
                text=q["text"],
                choices=tuple(Choice(c["key"], c["text"]) for c in q.get("choices", ())),
            )
            for q in items
        )
        for kind, items in data.items()
    }


def _own(question: Question) -> Ask:
    text = {lang: question.text for lang in ("en", "sv", "da")}
    return Ask(key=f"q{question.pk}", answer=question.answer, text=text)


def questions_of(survey: Survey) -> list[Ask]:
    """The survey's questions: built in, then the organisation's, then the program's."""
    own = Question.objects.filter(
        organisation_id=survey.program.organisation_id, kind=survey.kind
    ).filter(program__isnull=True) | Question.objects.filter(
        program=survey.program, kind=survey.kind
    )
    return [*_builtin()[survey.kind], *(_own(q) for q in own.order_by("program", "order", "id"))]


def clean_answers(asks: Sequence[Ask], data: Mapping[str, Sequence[str]]) -> dict[str, object]:
    """Keep only valid answers (a question left blank is skipped, not an error)."""
    out: dict[str, object] = {}
    for ask in asks:
        values = [v for v in data.get(ask.key, ()) if v != ""]
        if not values:
            continue
        if ask.answer in ("scale5", "scale11"):
            top = 5 if ask.answer == "scale5" else 10
            low = 1 if ask.answer == "scale5" else 0
            score = whole_number(values[0])
            if score is not None and low <= score <= top:
                out[ask.key] = score
        elif ask.answer == "yesno":
            if values[0] in ("yes", "no"):
                out[ask.key] = values[0]
        elif ask.answer in ("choice", "multi"):
            keys = {c.key for c in ask.choices}
            chosen = sorted({v for v in values if v in keys})
            if chosen:
                out[ask.key] = chosen if ask.answer == "multi" else chosen[0]
        else:
            text = " ".join(values[0].replace("\x00", "").split())[:TEXT_LIMIT]
            if text:
                out[ask.key] = text
    return out


def choice_labels(kind: str, key: str, lang: str) -> dict[str, str]:
    """The options of a built-in choice question in ``lang`` (key -> label)."""
    for ask in _builtin().get(kind, ()):
        if ask.key == key:
            return {c.key: c.label(lang) for c in ask.choices}
    return {}


def goal_scores(data: Mapping[str, Sequence[str]], goals: int) -> list[int]:
    """The 1–5 answers to "how far did you get" for each of the person's goals, in order
    (``goal_1``…); a goal left blank or answered out of range is skipped."""
    out = []
    for number in range(1, goals + 1):
        values = data.get(f"goal_{number}", ())
        value = values[0] if values else ""
        score = whole_number(value)
        if score is not None and 1 <= score <= 5:
            out.append(score)
    return out


def with_goals(answers: dict[str, object], scores: Sequence[int]) -> dict[str, object]:
    """The answers with each goal's score (no goal's words: the answer stays anonymous) and,
    unless asked directly, "were your goals met" as their rounded mean."""
    if not scores:
        return answers
    met = answers.get("goals_met", round(sum(scores) / len(scores)))
    return {**answers, "goals": list(scores), "goals_met": met}
