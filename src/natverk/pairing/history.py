"""What the engine needs from earlier rounds: who met whom, and who is owed a meeting.

A meetup took place when anyone in it answered "we met"; it did not when someone said
so and nobody said it did; without answers it counts as having taken place (people
who did not answer are not paired with each other again soon). A person is *owed* a
meeting when their latest meetup did not take place: they choose first in the next
round, and for programs meeting every two weeks or monthly a catch-up round halfway
pairs them again sooner.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from natverk.matching.meetups import encounter_cost
from natverk.pairing.models import MeetupMember, PairingProgram, Round

#: Rounds looked back at for repeats (a year of fortnightly rounds).
LOOKBACK_ROUNDS = 26


@dataclass(frozen=True)
class Past:
    """Earlier meetups: their members (participant ids), whether each took place, and
    how many rounds ago (0 = the latest round)."""

    meetups: list[tuple[list[int], bool | None, int]]

    def owed(self) -> set[int]:
        """Participants whose latest meetup did not take place."""
        latest: dict[int, tuple[int, bool | None]] = {}
        for members, met, ago in self.meetups:
            for p in members:
                if p not in latest or ago < latest[p][0]:
                    latest[p] = (ago, met)
        return {p for p, (_, met) in latest.items() if met is False}

    def costs(self, index: dict[int, int]) -> dict[tuple[int, int], float]:
        """Pair costs for the engine, by the positions of participant ids in ``index``."""
        history: dict[tuple[int, int], float] = defaultdict(float)
        for members, met, ago in self.meetups:
            here = sorted(index[p] for p in members if p in index)
            for k, a in enumerate(here):
                for b in here[k + 1 :]:
                    history[a, b] += encounter_cost(ago, met)
        return dict(history)


def took_place(answers: Iterable[str]) -> bool | None:
    """Whether a meetup took place, from its members' answers ("" = no answer)."""
    given = set(answers)
    if MeetupMember.Answer.MET in given:
        return True
    if MeetupMember.Answer.NOT_MET in given:
        return False
    return None


def past(program: PairingProgram, lookback: int = LOOKBACK_ROUNDS) -> Past:
    """The meetups of the program's last ``lookback`` rounds."""
    rounds = list(
        Round.objects.filter(program=program)
        .order_by("-due_on")
        .values_list("pk", flat=True)[:lookback]
    )
    ago = {pk: k for k, pk in enumerate(rounds)}
    members: dict[int, list[int]] = defaultdict(list)
    answers: dict[int, list[str]] = defaultdict(list)
    round_of: dict[int, int] = {}
    rows = MeetupMember.objects.filter(meetup__round__in=rounds).values_list(
        "meetup_id", "meetup__round_id", "participant_id", "answer"
    )
    for meetup, round_id, participant, answer in rows.iterator(chunk_size=5000):
        members[meetup].append(participant)
        answers[meetup].append(answer)
        round_of[meetup] = round_id
    return Past([(members[m], took_place(answers[m]), ago[round_of[m]]) for m in sorted(members)])
