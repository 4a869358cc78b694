"""Re-planning breakout rounds in the browser for 60 people present.

Sets up a throwaway SQLite database with a group of 62 members whose first meeting held
three rounds (history); in the second meeting four rounds are planned for all 62, the
first is held, two people leave, and the remaining three rounds are re-planned for the
60 present. Times the whole action the web calls (read people, history and held rounds,
``plan_rounds``, write the new rounds), rooms of 2-5 and of 2-4, five seeds each.

    .venv/bin/python bench/rounds_live.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time


def main() -> int:
    data = tempfile.mkdtemp(prefix="natverk-bench-")
    os.environ.update({"NATVERK_DEBUG": "1", "NATVERK_DATA_DIR": data})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natverk.site.settings")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import django

    django.setup()
    from django.core.management import call_command
    from tests.live.conftest import build_live_world

    from natverk.live.access import Owner
    from natverk.live.actions import rounds as actions
    from natverk.live.models import BreakoutRound

    call_command("migrate", verbosity=0)
    print("| rooms | seed | re-plan 60 present (s) | new repeats | met before, again |")
    print("|---|---|---|---|---|")
    worst = 0.0
    for size in ((2, 5), (2, 4)):
        for seed in range(5):
            world = build_live_world(
                tuple(f"Medlem {k:02d}" for k in range(62)), slug=f"b{size[1]}-{seed}"
            )
            everyone = [a.pk for a in world.members]
            earlier, today = (Owner(meeting=m) for m in world.meetings[:2])
            for owner in (earlier, today):
                actions.set_room_rules(actions.breakouts_of(owner), size=size, present=everyone)
            for r in actions.plan_breakout_rounds(earlier, rounds=3, seed=seed).rounds:
                actions.mark_round_held(r)
            first = actions.plan_breakout_rounds(today, rounds=4, seed=seed)
            actions.mark_round_held(first.rounds[0])
            actions.set_room_rules(actions.breakouts_of(today), size=size, present=everyone[2:])
            start = time.perf_counter()
            again = actions.plan_breakout_rounds(today, rounds=3, seed=seed + 100)
            seconds = time.perf_counter() - start
            worst = max(worst, seconds)
            history = actions.history_pairs(today)
            met_again = sum(
                1
                for r in BreakoutRound.objects.filter(breakouts__meeting=world.meetings[1])
                for room in r.rooms
                for x, a in enumerate(room)
                for b in room[x + 1 :]
                if (min(a, b), max(a, b)) in history
            )
            print(
                f"| {size[0]}-{size[1]} | {seed} | {seconds:.3f} | {again.repeats} | {met_again} |"
            )
    print(f"\nslowest re-plan: {worst:.3f} s")
    return 0 if worst < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
