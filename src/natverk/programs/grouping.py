"""The one seam between programs and the matching core.

Everything that turns a program's rows into the core's plain inputs lives here, built
once: the accepted applications and their index, the affinity model (cached per set of
answers), the working groups, the problem a run solves (locked groups closed to
newcomers, sizes as even as the bounds allow) and the editor the group pages score
with. The core's violations come back as records; this module only puts them in words.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from django.core.cache import caches
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from natverk.matching import GroupEditor, GroupingProblem, InfeasibleProblemError, Violation
from natverk.matching.affinity import (
    AffinityModel,
    AffinityWeights,
    apart_key,
    build_affinity,
    normalise_employer,
)
from natverk.matching.applicant import Applicant
from natverk.matching.explain import group_utilities
from natverk.matching.problem import PreparedProblem, crowded_labels, group_count, prepare
from natverk.matching.problem import even_bounds as core_even_bounds
from natverk.programs.models import Application, Group, GroupMember, Program
from natverk.site.fragments import digest_of
from natverk.site.memo import SizedMemo
from natverk.taxonomy import label

logger = logging.getLogger(__name__)

#: How long a cohort stays cached (it is keyed by the answers, so never stale).
CACHE_SECONDS = 6 * 3600


class PlacementError(ValueError):
    """The accepted people cannot all be placed; the text names who and why."""


@dataclass(frozen=True)
class Cohort:
    """A program's accepted applicants as the core sees them: member k is application
    ``ids[k]`` with intake answers ``applicants[k]``."""

    ids: tuple[int, ...]
    applicants: tuple[Applicant, ...]
    index: dict[int, int]
    model: AffinityModel | None
    key: str = ""  # digest of the answers: the cache key of everything built from them

    def __len__(self) -> int:
        return len(self.ids)

    def name(self, member: int) -> str:
        """A member's name, with profession and employer when the name is not unique."""
        person = self.applicants[member]
        return shown_name(person, self._name_counts[person.name])

    @functools.cached_property
    def _name_counts(self) -> Counter[str]:
        return Counter(a.name for a in self.applicants)


@dataclass(frozen=True)
class WorkingGroups:
    """The program's live groups as the leader edits them, and who is in none."""

    groups: tuple[Group, ...]
    members: tuple[tuple[int, ...], ...]
    unassigned: tuple[int, ...]

    def position(self, group: Group) -> int:
        """The index of a group among the live groups."""
        for k, candidate in enumerate(self.groups):
            if candidate.pk == group.pk:
                return k
        raise PlacementError(_("That group is not one of this program's groups."))


def accepted(program: Program) -> list[Application]:
    """The accepted applications in a stable order."""
    return list(program.applications.filter(status=Application.Status.ACCEPTED).order_by("id"))


#: The intake fields the affinity model reads, in Applicant's order after the id.
_FIELDS = (
    "pk",
    "name",
    "email",
    "profession",
    "industry",
    "employer",
    "region",
    "seniority",
    "languages",
    "hopes",
    "offers",
    "availability",
)


def _applicant(row: tuple[Any, ...]) -> Applicant:
    fields = dict(zip(_FIELDS[1:], row[1:], strict=True))
    return Application(**fields).to_applicant()


def cohort_for(program: Program) -> Cohort:
    """The accepted applicants, their index and affinity model. The model is cached by a
    digest of the very answers it is built from, so it is never stale."""
    rows = list(
        program.applications.filter(status=Application.Status.ACCEPTED)
        .order_by("id")
        .values_list(*_FIELDS)
    )
    ids = tuple(int(row[0]) for row in rows)
    index = {pk: k for k, pk in enumerate(ids)}
    if not rows:
        return Cohort(ids, (), index, None, "")
    weights = weights_for(program)
    digest = digest_of((rows, weights))
    key = f"natverk:cohort:{digest}"
    cached = _memo.get(key)
    if not isinstance(cached, tuple):
        cached = caches["derived"].get(key)
        if not isinstance(cached, tuple):
            applicants = tuple(_applicant(row) for row in rows)
            cached = (applicants, build_affinity(list(applicants), weights))
            caches["derived"].set(key, cached, CACHE_SECONDS)
        _memo.put(key, cached)
    return Cohort(ids, cached[0], index, cached[1], key)


#: Most programs whose models one warm-up looks at (newest first).
WARM_LIMIT = 200


def warm_cohorts(limit: int = WARM_LIMIT) -> int:
    """Build, in the background, the model of every program whose groups a leader may be
    editing, where the answers changed since it was last built (the others are found in
    the derived cache): a leader's first group-editor request then skips the build (60-70
    ms at 200 applicants). A program whose model cannot be built is logged and skipped;
    the editor then says why, as before. Returns how many programs were built or found."""
    programs = list(
        Program.objects.exclude(status=Program.Status.CLOSED)
        .filter(groups__dissolved_at__isnull=True)
        .distinct()
        .order_by("-pk")[:limit]
    )
    warmed = 0
    for program in programs:
        try:
            cohort_for(program)
        except Exception:  # one program's answers must not keep the others cold
            logger.exception("could not build the model of program %s", program.pk)
        else:
            warmed += 1
    return warmed


def weights_for(program: Program) -> AffinityWeights:
    """The affinity weights of a program: the defaults, and the employer and industry
    rules it asks for."""
    return AffinityWeights(
        conflict_same_employer=program.different_employer,
        conflict_same_industry=program.different_industry,
    )


#: Affinity models and prepared problems this process built or read, up to 48 MB: at 140
#: applicants a program's pair takes about 1 MB, so a leader's previews across every
#: program stay in memory (at 16 entries they thrashed past eight programs).
_memo = SizedMemo(48 * 1024 * 1024)


def live_groups(program: Program) -> list[Group]:
    """The program's groups that have not been dissolved, by number."""
    return list(
        program.groups.filter(dissolved_at__isnull=True)
        .prefetch_related("members")
        .order_by("number")
    )


def working_groups(program: Program, cohort: Cohort) -> WorkingGroups:
    """Who is in which live group (members that are no longer accepted are left out)."""
    groups = list(program.groups.filter(dissolved_at__isnull=True).order_by("number"))
    where: dict[int, list[int]] = {g.pk: [] for g in groups}
    pairs = GroupMember.objects.filter(group__in=groups).values_list("group_id", "application_id")
    for group_id, application_id in pairs:
        if application_id in cohort.index:
            where[group_id].append(cohort.index[application_id])
    members = tuple(tuple(sorted(where[g.pk])) for g in groups)
    placed = {k for group in members for k in group}
    unassigned = tuple(k for k in range(len(cohort)) if k not in placed)
    return WorkingGroups(tuple(groups), members, unassigned)


def editor_for(program: Program, cohort: Cohort, working: WorkingGroups) -> GroupEditor:
    """A score editor over the live groups (the program's sizes for every group); the
    validated problem is kept in this process for the next preview of the same state."""
    if cohort.model is None or not working.groups:
        raise PlacementError(_("Run the matching first: the program has no groups yet."))
    bounds = [(program.group_min, program.group_max)] * len(working.groups)
    key = f"{cohort.key}:editor:{bounds[0]}x{len(bounds)}"
    prepared = _memo.get(key)
    if not isinstance(prepared, PreparedProblem):
        problem = replace(cohort.model.problem(), size=None, group_bounds=bounds)
        prepared = prepare(problem, refuse_crowded=False)
        _memo.put(key, prepared)
    return GroupEditor(prepared, [list(m) for m in working.members], unassigned_ok=True)


# The problem a run solves ---------------------------------------------------------------


def _names(cohort: Cohort, members: Sequence[int], limit: int = 6) -> str:
    names = [cohort.name(k) for k in members[:limit]]
    more = len(members) - limit
    return ", ".join(names) + (f" (+{more})" if more > 0 else "")


def even_bounds(people: int, lo: int, hi: int, *, even: bool) -> list[tuple[int, int]]:
    """Per-group size bounds for ``people`` in groups of lo..hi: as even as possible
    (50 in 6-8 -> seven groups of 7-8), or lo..hi each (the fewest, largest groups)."""
    if not even:
        return [(lo, hi)] * group_count(people, lo, hi)
    return core_even_bounds(people, lo, hi)


def locked_members(working: WorkingGroups) -> list[tuple[Group, tuple[int, ...]]]:
    """The locked live groups with their accepted members."""
    return [(g, m) for g, m in zip(working.groups, working.members, strict=True) if g.locked]


def check_placeable(program: Program, cohort: Cohort, working: WorkingGroups) -> None:
    """Refuse, naming the people, when the accepted people outside locked groups cannot
    form groups of the program's sizes."""
    locked = locked_members(working)
    taken = {k for _g, members in locked for k in members}
    free = [k for k in range(len(cohort)) if k not in taken]
    if not free:
        return
    try:
        groups = group_count(len(free), program.group_min, program.group_max)
    except InfeasibleProblemError as exc:
        raise PlacementError(
            _(
                "%(n)d accepted people are outside the locked groups (%(names)s), but groups "
                "have %(lo)d–%(hi)d members and locked groups take no one new. Unlock a "
                "group, accept or decline people, or change the group sizes."
            )
            % {
                "n": len(free),
                "names": _names(cohort, free),
                "lo": program.group_min,
                "hi": program.group_max,
            }
        ) from exc
    _check_crowded(cohort, free, groups)


def _check_crowded(cohort: Cohort, free: list[int], groups: int) -> None:
    """Refuse, naming the employer or industry and its people, when more of the people
    to place share one than there are groups to keep them apart in."""
    model = cohort.model
    if model is None or not model.apart_rules:
        return
    labels = np.stack(model.apart)[:, free]
    crowded = crowded_labels(labels, groups)
    if not crowded:
        return
    crowd = crowded[0]
    rule = model.apart_rules[crowd.labelling]
    members = [free[m] for m in crowd.members]
    first = cohort.applicants[members[0]]
    values = {"n": len(members), "names": _names(cohort, members), "groups": groups}
    if rule == "employer":
        message = _(
            "%(n)d of the people to place work for %(employer)s (%(names)s), but there "
            "are only %(groups)d groups and colleagues are placed in different groups. "
            "Turn off “everyone in a group works for a different employer” in the "
            "program's settings, or accept fewer of them."
        )
        values["employer"] = first.employer.strip()
    else:
        message = _(
            "%(n)d of the people to place work in %(industry)s (%(names)s), but there "
            "are only %(groups)d groups and this program keeps industries apart. Turn off "
            "“everyone in a group works in a different industry” in the program's "
            "settings, or accept fewer of them."
        )
        values["industry"] = label("industry", apart_key(rule, first), get_language() or "sv")
    raise PlacementError(message % values)


@dataclass(frozen=True)
class RunProblem:
    """What a run solves: the problem, and the locked groups that are its first groups."""

    problem: GroupingProblem
    locked: tuple[int, ...]  # group ids of the locked groups, in problem order
    fallback: GroupingProblem | None  # the same with lo..hi sizes, if even sizes fail


def run_problem(program: Program, cohort: Cohort, working: WorkingGroups) -> RunProblem:
    """The grouping problem of a new run: locked groups keep exactly their members and
    take nobody new; everyone else is placed in groups of the program's sizes."""
    assert cohort.model is not None
    check_placeable(program, cohort, working)
    locked = locked_members(working)
    fixed = {k: position for position, (_g, members) in enumerate(locked) for k in members}
    locked_bounds = [(len(members), len(members)) for _g, members in locked]
    free = len(cohort) - len(fixed)

    def problem(even: bool) -> GroupingProblem:
        bounds = locked_bounds + (
            even_bounds(free, program.group_min, program.group_max, even=even) if free else []
        )
        return replace(cohort.model.problem(), size=None, group_bounds=bounds, fixed=fixed)  # type: ignore[union-attr]

    first = problem(program.even_sizes)
    fallback = problem(False) if program.even_sizes else None
    return RunProblem(first, tuple(g.pk for g, _m in locked), fallback)


# Violations in the reader's language ----------------------------------------------------


def describe(violation: Violation, program: Program, cohort: Cohort, working: WorkingGroups) -> str:
    """A core violation as a sentence with names and group numbers."""
    group = working.groups[violation.group].number if violation.group >= 0 else 0
    names = [cohort.name(k) for k in violation.members]
    if violation.kind == "unassigned":
        return _("%(name)s is in no group.") % {"name": names[0]}
    if violation.kind in ("too_small", "too_large"):
        return _("Group %(n)d would have %(s)d members (allowed %(lo)d–%(hi)d).") % {
            "n": group,
            "s": len(names),
            "lo": program.group_min,
            "hi": program.group_max,
        }
    if violation.kind == "forbidden":
        return _forbidden(program, cohort, violation.members, names)
    if violation.kind == "no_common_slot":
        return _("Group %(n)d would have no meeting time that suits everyone.") % {"n": group}
    return _("%(name)s must stay in their locked group.") % {"name": names[0]}


def _forbidden(program: Program, cohort: Cohort, pair: Sequence[int], names: list[str]) -> str:
    """Why two people must not share a group, as specifically as the answers tell."""
    a, b = (cohort.applicants[k] for k in pair)
    values = {"a": names[0], "b": names[1]}
    same_employer = normalise_employer(a.employer) == normalise_employer(b.employer)
    if program.different_employer and a.employer.strip() and same_employer:
        return _("%(a)s and %(b)s work for the same employer.") % values
    model = cohort.model
    same_industry = (
        model is not None
        and bool(a.industry and b.industry)
        and model.industry_difference[pair[0], pair[1]] < 0.5
    )
    if program.different_industry and same_industry:
        return (
            _("%(a)s and %(b)s work in the same industry, and this program keeps industries apart.")
            % values
        )
    return (
        _("%(a)s and %(b)s should not share a group (no common language or a declared conflict).")
        % values
    )


@dataclass(frozen=True)
class Summary:
    """How well groups meet hopes, and who is worst off: members with a hope someone in
    the cohort can meet, how many of them have it met in their own group, and the member
    with the lowest mean affinity with their group."""

    hoping: int
    hopes_met: int
    worst_off: int  # member index, -1 when nobody is in a group
    worst_utility: float

    @property
    def percent(self) -> float | None:
        """The share of hopes met, in per cent (None when nobody hopes for anything)."""
        return 100.0 * self.hopes_met / self.hoping if self.hoping else None


def summarise(cohort: Cohort, groups: Sequence[Sequence[int]]) -> Summary:
    """The summary of groups of cohort members (the run page, the editor, the run record)."""
    model = cohort.model
    placed = [k for members in groups for k in members]
    if model is None or not placed:
        return Summary(0, 0, -1, 0.0)
    met = 0
    for members in groups:
        if members:
            inside = list(members)
            # A hope met inside the group is one someone in the cohort can meet.
            met += int(np.count_nonzero(model.met[np.ix_(inside, inside)].any(axis=1)))
    utilities = group_utilities(model, groups)
    worst = min(placed, key=lambda k: utilities[k])
    hoping = int(np.count_nonzero(model.met.any(axis=1)))  # someone in the cohort meets it
    return Summary(hoping, met, worst, utilities[worst])


def summary_params(cohort: Cohort, groups: Sequence[Sequence[int]]) -> dict[str, object]:
    """The summary as a run record keeps it (application ids, not names)."""
    summary = summarise(cohort, groups)
    worst = cohort.ids[summary.worst_off] if summary.worst_off >= 0 else None
    return {
        "hoping": summary.hoping,
        "hopes_met": summary.hopes_met,
        "worst_off": worst,
        "worst_utility": round(summary.worst_utility, 3),
    }


def label_of(person: Applicant | Application, among: Sequence[Applicant | Application]) -> str:
    """A name that tells people apart: profession and employer added to shared names."""
    return shown_name(person, sum(1 for a in among if a.name == person.name))


def shown_name(person: Applicant | Application, same: int) -> str:
    """The name, or, when ``same`` people share it, the name with profession and employer."""
    if not person.name:  # erased (natverk.privacy): the group keeps the place
        return _("a former member")
    if same <= 1:
        return person.name
    profession = label("occupation", person.profession, get_language() or "sv")
    extra = [x for x in (profession, person.employer) if x]
    return f"{person.name} ({', '.join(extra)})" if extra else person.name
