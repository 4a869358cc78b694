"""Polls: prepare, open, close, show or hide results, and vote (at most once per person).

A voter is identified by ``identity`` (an account, a registration or a device), and a
vote keeps only ``sha256(salt:identity)``; the unique constraint on (poll, voter) makes a
second vote impossible even when two arrive at once. Closing a poll erases the salt.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from natverk.accounts.models import User
from natverk.language import STOP_WORDS, fold
from natverk.live.access import Owner
from natverk.live.actions import LiveError
from natverk.live.models import Poll, Vote

#: Longest short-text answer kept.
TEXT_LIMIT = 80
#: Words shown in a word cloud.
CLOUD_WORDS = 40
_STOP = frozenset().union(*STOP_WORDS.values())


def create_poll(
    owner: Owner,
    *,
    question: str,
    kind: str,
    options: Sequence[str] = (),
    anonymous: bool = True,
) -> Poll:
    """A prepared poll of a meeting or an event (not yet open)."""
    cleaned = [" ".join(o.split()) for o in options if o.strip()]
    poll = Poll(
        question=" ".join(question.split()),
        kind=kind,
        options=cleaned if kind in (Poll.Kind.SINGLE, Poll.Kind.MULTI) else [],
        anonymous=anonymous,
        **owner.filter(),
    )
    poll.full_clean()
    poll.save()
    return poll


def open_poll(poll: Poll) -> Poll:
    """Open a prepared poll for answers (a closed poll stays closed)."""
    if poll.state == Poll.State.CLOSED:
        raise LiveError(_("A closed poll cannot be opened again; make a new one."))
    if poll.state == Poll.State.DRAFT:
        poll.state = Poll.State.OPEN
        poll.opened_at = timezone.now()
        poll.save(update_fields=["state", "opened_at"])
    return poll


def close_poll(poll: Poll) -> Poll:
    """Stop answers and forget the salt, so no vote can be traced to its voter."""
    poll.state = Poll.State.CLOSED
    poll.closed_at = poll.closed_at or timezone.now()
    poll.salt = ""
    poll.save(update_fields=["state", "closed_at", "salt"])
    return poll


def show_results(poll: Poll, shown: bool) -> Poll:
    """Show the results to those answering (and on the shared screen), or hide them."""
    poll.results_shown = shown
    poll.save(update_fields=["results_shown"])
    return poll


def voter_hash(poll: Poll, identity: str) -> str:
    """The one-way hash a vote keeps of its voter."""
    return hashlib.sha256(f"{poll.salt}:{identity}".encode()).hexdigest()


def clean_answer(poll: Poll, values: Sequence[str]) -> object:
    """The answer as stored (an index, indices, a 1-5 value or a text), or LiveError."""
    given = [v.strip() for v in values if v.strip()]
    if not given:
        raise LiveError(_("Choose an answer first."))
    if poll.kind == Poll.Kind.TEXT:
        text = " ".join(given[0].replace("\x00", "").split())[:TEXT_LIMIT]
        if not text:
            raise LiveError(_("Choose an answer first."))
        return text
    if not all(v.isascii() and v.isdigit() and len(v) < 4 for v in given):
        raise LiveError(_("That is not one of the answers."))
    numbers = sorted({int(v) for v in given})
    if poll.kind == Poll.Kind.SCALE:
        if len(numbers) != 1 or not 1 <= numbers[0] <= 5:
            raise LiveError(_("That is not one of the answers."))
        return numbers[0]
    if any(n >= len(poll.options) for n in numbers):
        raise LiveError(_("That is not one of the answers."))
    if poll.kind == Poll.Kind.SINGLE:
        if len(numbers) != 1:
            raise LiveError(_("Choose one answer."))
        return numbers[0]
    return numbers


def cast_vote(poll: Poll, identity: str, values: Sequence[str], *, user: User | None) -> Vote:
    """Record one person's answer; a second answer from them is refused."""
    answer = clean_answer(poll, values)
    try:
        with transaction.atomic():
            current = Poll.objects.filter(pk=poll.pk).values_list("state", "salt").first()
            if current is None or current[0] != Poll.State.OPEN:
                raise LiveError(_("This poll is not open."))
            poll.salt = current[1]
            return Vote.objects.create(
                poll=poll,
                voter=voter_hash(poll, identity),
                user=None if poll.anonymous else user,
                answer=answer,
            )
    except IntegrityError:
        raise LiveError(_("You have already answered. Thank you!")) from None


def has_voted(poll: Poll, identity: str) -> bool:
    """Whether this person has answered (False once the poll is closed: nobody can tell)."""
    if not poll.salt:
        return False
    return Vote.objects.filter(poll=poll, voter=voter_hash(poll, identity)).exists()


@dataclass(frozen=True)
class Bar:
    """One answer's count and share of voters."""

    label: str
    count: int
    share: float


@dataclass(frozen=True)
class Results:
    """What a poll's answers add up to."""

    voters: int
    bars: list[Bar] = field(default_factory=list)
    mean: float | None = None
    words: list[tuple[str, int, int]] = field(default_factory=list)  # word, count, size 1-5


def results(poll: Poll, batch: int = 1) -> Results:
    """Counts per choice (or per scale value), the mean of a scale, a text poll's words;
    with ``batch`` k, over whole batches of k votes only (one more vote never changes
    what is shown by itself)."""
    votes = Vote.objects.filter(poll=poll).order_by("id").values_list("answer", flat=True)
    answers = list(votes)
    answers = answers[: len(answers) - len(answers) % batch]
    voters = len(answers)
    if poll.kind == Poll.Kind.TEXT:
        return Results(voters, words=_cloud(str(a) for a in answers))
    labels = [str(n) for n in range(1, 6)] if poll.kind == Poll.Kind.SCALE else poll.options
    counts: Counter[int] = Counter()
    for answer in answers:
        for value in answer if isinstance(answer, list) else [answer]:
            counts[int(value) - 1 if poll.kind == Poll.Kind.SCALE else int(value)] += 1
    bars = [
        Bar(label, counts[k], counts[k] / voters if voters else 0.0)
        for k, label in enumerate(labels)
    ]
    mean = (
        sum(int(a) for a in answers) / voters if poll.kind == Poll.Kind.SCALE and voters else None
    )
    return Results(voters, bars=bars, mean=mean)


def _cloud(texts: Iterable[str]) -> list[tuple[str, int, int]]:
    """The most frequent words (folded, stop words left out), sized 1-5 by count."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for text in texts:
        seen = set()
        for word in str(text).split():
            bare = word.strip(".,;:!?()\"'«»“”").strip()
            key = fold(bare)
            if len(key) < 2 or key in _STOP or key in seen:
                continue
            seen.add(key)
            counts[key] += 1
            shown.setdefault(key, bare.lower())
    top = counts.most_common(CLOUD_WORDS)
    most = top[0][1] if top else 1
    return sorted(
        ((shown[k], c, 1 + round(4 * (c - 1) / max(most - 1, 1))) for k, c in top),
        key=lambda item: item[0],
    )
