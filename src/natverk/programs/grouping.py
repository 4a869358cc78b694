"""The one seam between programs and the matching core.

Everything that turns a program's rows into the core's plain inputs lives here, built
once: the accepted applications and their index, the affinity model (cached per set of
answers), the working groups, the problem a run solves (locked groups closed to
newcomers, sizes as even as the bounds allow) and the editor the group pages score
with. The core's violations come back as records; this module only puts them in words.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from natverk.matching import GroupEditor, GroupingProblem, InfeasibleProblemError, Violation
from natverk.matching.affinity import AffinityModel, build_affinity
from natverk.matching.applicant import Applicant
from natverk.matching.problem import group_count
from natverk.programs.models import Application, Group, Program
from natverk.taxonomy import label

#: How long an affinity model stays cached (it is keyed by the answers, so never stale).
CACHE_SECONDS = 6 * 3600


class PlacementError(ValueError):
    """The accepted people cannot all be placed; the text names who and why."""


@dataclass(frozen=True)
class Cohort:
    """A program's accepted applications as the core sees them (member k = applications[k])."""

    applications: tuple[Application, ...]
    index: dict[int, int]
    model: AffinityModel | None

    @property
    def applicants(self) -> list[Applicant]:
        """The plain intake records, in member order."""
        return [a.to_applicant() for a in self.applications]

    def name(self, member: int) -> str:
        """A member's name, with profession and employer when the name is not unique."""
        return label_of(self.applications[member], self.applications)


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


def _fingerprint(applications: Sequence[Application]) -> str:
    digest = hashlib.sha256()
    for a in applications:
        digest.update(f"{a.pk}:{a.updated_at.isoformat() if a.updated_at else ''};".encode())
    return digest.hexdigest()


def cohort_for(program: Program) -> Cohort:
    """The accepted applications, their index and affinity model (cached by their answers)."""
    applications = tuple(accepted(program))
    index = {a.pk: k for k, a in enumerate(applications)}
    if not applications:
        return Cohort(applications, index, None)
    key = f"natverk:affinity:{program.pk}:{_fingerprint(applications)}"
    model = cache.get(key)
    if not isinstance(model, AffinityModel):
        model = build_affinity([a.to_applicant() for a in applications])
        cache.set(key, model, CACHE_SECONDS)
    return Cohort(applications, index, model)


def live_groups(program: Program) -> list[Group]:
    """The program's groups that have not been dissolved, by number."""
    return list(
        program.groups.filter(dissolved_at__isnull=True)
        .prefetch_related("members")
        .order_by("number")
    )


def working_groups(program: Program, cohort: Cohort) -> WorkingGroups:
    """Who is in which live group (members that are no longer accepted are left out)."""
    groups = live_groups(program)
    members = tuple(
        tuple(
            sorted(
                cohort.index[m.application_id]
                for m in g.members.all()
                if m.application_id in cohort.index
            )
        )
        for g in groups
    )
    placed = {k for group in members for k in group}
    unassigned = tuple(k for k in range(len(cohort.applications)) if k not in placed)
    return WorkingGroups(tuple(groups), members, unassigned)


def editor_for(program: Program, cohort: Cohort, working: WorkingGroups) -> GroupEditor:
    """A score editor over the live groups (the program's sizes for every group)."""
    assert cohort.model is not None
    bounds = [(program.group_min, program.group_max)] * len(working.groups)
    problem = replace(cohort.model.problem(), size=None, group_bounds=bounds or None)
    if not bounds:
        raise PlacementError(_("Run the matching first: the program has no groups yet."))
    return GroupEditor(problem, [list(m) for m in working.members], unassigned_ok=True)


# The problem a run solves ---------------------------------------------------------------


def _names(cohort: Cohort, members: Sequence[int], limit: int = 6) -> str:
    names = [cohort.name(k) for k in members[:limit]]
    more = len(members) - limit
    return ", ".join(names) + (f" (+{more})" if more > 0 else "")


def even_bounds(people: int, lo: int, hi: int, *, even: bool) -> list[tuple[int, int]]:
    """Per-group size bounds for ``people`` in groups of lo..hi: as even as possible
    (50 in 6-8 -> seven groups of 7-8), or lo..hi each (the fewest, largest groups)."""
    groups = group_count(people, lo, hi)
    if not even:
        return [(lo, hi)] * groups
    small = people // groups
    return [(small, small if people % groups == 0 else small + 1)] * groups


def locked_members(working: WorkingGroups) -> list[tuple[Group, tuple[int, ...]]]:
    """The locked live groups with their accepted members."""
    return [(g, m) for g, m in zip(working.groups, working.members, strict=True) if g.locked]


def check_placeable(program: Program, cohort: Cohort, working: WorkingGroups) -> None:
    """Refuse, naming the people, when the accepted people outside locked groups cannot
    form groups of the program's sizes."""
    locked = locked_members(working)
    taken = {k for _g, members in locked for k in members}
    free = [k for k in range(len(cohort.applications)) if k not in taken]
    if not free:
        return
    try:
        group_count(len(free), program.group_min, program.group_max)
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
    free = len(cohort.applications) - len(fixed)

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
        return _(
            "%(a)s and %(b)s should not share a group (same employer, no common language "
            "or a declared conflict)."
        ) % {"a": names[0], "b": names[1]}
    if violation.kind == "no_common_slot":
        return _("Group %(n)d would have no meeting time that suits everyone.") % {"n": group}
    return _("%(name)s must stay in their locked group.") % {"name": names[0]}


def label_of(application: Application, among: Sequence[Application]) -> str:
    """A name that tells people apart: profession and employer added to shared names."""
    same = sum(1 for a in among if a.name == application.name)
    if same <= 1:
        return application.name
    profession = label("occupation", application.profession, get_language() or "sv")
    extra = [x for x in (profession, application.employer) if x]
    return f"{application.name} ({', '.join(extra)})" if extra else application.name
