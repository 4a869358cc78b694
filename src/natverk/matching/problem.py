"""The grouping problem as plain data, and its validation.

A :class:`GroupingProblem` says who should be grouped (a pairwise score, dense or
feature-based), how big the groups are, and which hard constraints hold (forbidden
and pinned pairs, labels that keep members apart, fixed members, a common availability
slot per group). :func:`prepare` checks it and returns the normalised form the solvers
use; any problem that cannot have a solution is reported as
:class:`InfeasibleProblemError` with a text that names the cause.

Who may not share a group is asked in one place, :class:`KeptApart`: sets of members
no two of which may share a group (a forbidden pair is a set of two; the members with
one label, such as an employer, are one set), indexed both ways. A label shared by
hundreds of members is a set of hundreds, not a list of every pair among them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from natverk.matching.hope_topics import PreparedTopics, TopicHopes, prepare_topics

__all__ = [
    "FeatureScores",
    "GroupingProblem",
    "Crowded",
    "InfeasibleProblemError",
    "KeptApart",
    "LabelCrowdedError",
    "MAX_ABS_SCORE",
    "MAX_DENSE_MEMBERS",
    "PreparedProblem",
    "ProblemTooLargeError",
    "Violation",
    "crowded_labels",
    "even_bounds",
    "find_violations",
    "group_count",
    "keep_apart",
    "prepare",
    "violations",
]

ALL_SLOTS = np.uint64(0xFFFFFFFFFFFFFFFF)
#: Most members a dense (n, n) score matrix may have: the search and its bounds keep
#: several n x n arrays (about 1.1 GB peak at 4,000) and their set-up grows with n^2.
#: Larger cohorts are grouped from FeatureScores, which have no such matrix.
MAX_DENSE_MEMBERS = 4_000
#: Largest absolute score: sums over n^2 pairs stay far from overflow and exact enough.
MAX_ABS_SCORE = 1e12


class InfeasibleProblemError(ValueError):
    """The grouping problem is malformed or has no feasible solution; the text says why."""


class ProblemTooLargeError(InfeasibleProblemError):
    """More members than the chosen score representation can be grouped with in memory."""


@dataclass(frozen=True)
class Crowded:
    """More members share a label than there are groups, so they cannot all be apart."""

    labelling: int  # which labelling of ``GroupingProblem.apart``
    label: int
    members: tuple[int, ...]
    groups: int


class LabelCrowdedError(InfeasibleProblemError):
    """A label (an employer, an industry) is shared by more members than there are
    groups; ``crowded`` names each such label, for the caller to say in its own words."""

    def __init__(self, crowded: Sequence[Crowded]) -> None:
        self.crowded = tuple(crowded)
        first = self.crowded[0]
        super().__init__(
            f"{len(first.members)} members share label {first.label} of apart labelling "
            f"{first.labelling} (members {list(first.members[:5])}"
            f"{', ...' if len(first.members) > 5 else ''}) but there are only "
            f"{first.groups} groups, and members with one label must be in different groups"
        )


def crowded_labels(apart: NDArray[np.int64], groups: int) -> list[Crowded]:
    """Every label of the ``(k, n)`` labellings held by more than ``groups`` members,
    the most crowded of each labelling first."""
    found: list[Crowded] = []
    for t, row in enumerate(np.asarray(apart, dtype=np.int64)):
        labels, counts = np.unique(row[row >= 0], return_counts=True)
        for k in np.argsort(-counts, kind="stable"):
            if counts[k] <= groups:
                break
            members = tuple(int(m) for m in np.flatnonzero(row == labels[k]))
            found.append(Crowded(t, int(labels[k]), members, groups))
    return found


@dataclass(frozen=True)
class FeatureScores:
    """Pairwise scores given by features: ``s_ij = left_i . right_j + left_j . right_i + bias``.

    Lets very large cohorts be scored without an ``n x n`` matrix: ``left`` can hold
    what a member offers and ``right`` what they hope for, so that the score rewards
    offers meeting hopes in both directions.

    Parameters
    ----------
    left, right
        float32 arrays of shape ``(n, k)``.
    bias
        Constant added to every pair (``i != j``).

    Examples
    --------
    >>> import numpy as np
    >>> f = FeatureScores(np.eye(2, dtype=np.float32), np.ones((2, 2), dtype=np.float32))
    >>> float(f.dense()[0, 1])
    2.0
    """

    left: NDArray[np.float32]
    right: NDArray[np.float32]
    bias: float = 0.0

    @property
    def n(self) -> int:
        """Number of members."""
        return int(self.left.shape[0])

    def dense(self) -> NDArray[np.float64]:
        """The full ``n x n`` score matrix (zero diagonal); only for small ``n``."""
        left = self.left.astype(np.float64)
        right = self.right.astype(np.float64)
        s = left @ right.T
        s = s + s.T + self.bias
        np.fill_diagonal(s, 0.0)
        return s


@dataclass(frozen=True)
class GroupingProblem:
    """Who to group, into which sizes, under which hard constraints.

    Parameters
    ----------
    scores
        Symmetric ``(n, n)`` float array with any diagonal (ignored), or
        :class:`FeatureScores`. Higher is better.
    size
        ``(lo, hi)`` for every group; the number of groups is the smallest that fits
        ``n``: ``ceil(n / hi)``. Ignored when ``group_bounds`` is given.
    group_bounds
        Explicit ``(lo, hi)`` per group.
    forbidden
        Pairs of members that must never share a group.
    apart
        Labellings of all ``n`` members (one int per member, -1 for no label): two
        members with the same label in any labelling must never share a group (the
        same employer, the same industry). Keeps a rule shared by many members as a
        label each instead of a list of pairs that grows with the square of their number.
    pinned
        Pairs of members that must share a group (chains are transitive).
    fixed
        Member -> group index (facilitators, groups locked by the leader).
    availability
        uint64 bitmask per member (bit = a meeting slot, 0 = no slot at all); every
        group must have at least one bit common to all its members.
    fairness
        Weight of the worst-off member: the solver maximises
        ``total + fairness * (n / 2) * min_i u_i`` where ``u_i`` is member i's mean
        score with the rest of the group. ``n / 2 * mean(u)`` is about the total, so
        ``fairness = 1`` weighs the worst-off member like the average one.
    hopes
        Pairs ``(i, j)``: member j offers something member i hopes for.
    hope_weight
        Added to the total once for every member who has at least one group-mate
        meeting one of their hopes (a reward per member, not per pair, so that the
        search spreads the people who can help over the groups that need them).
    hope_share
        A target: ``hope_weight`` is earned by at most ``ceil(hope_share * hoping)``
        members, ``hoping`` being those with a hope that someone in the problem meets.
        Below 1, meeting more hopes than that earns nothing, and the search spends
        what is left on the scores once the target is reached.
    topic_hopes
        The hopes as topics (:class:`~natverk.matching.hope_topics.TopicHopes`) instead
        of pairs, for cohorts whose pairs would be too many: member i's hopes are met
        when a group-mate offers one of the topics i hopes for. Give ``hopes`` or this.
    """

    scores: NDArray[np.float64] | FeatureScores
    size: tuple[int, int] | None = (6, 8)
    group_bounds: Sequence[tuple[int, int]] | None = None
    forbidden: Sequence[tuple[int, int]] = ()
    pinned: Sequence[tuple[int, int]] = ()
    fixed: Mapping[int, int] = field(default_factory=dict)
    availability: NDArray[np.uint64] | None = None
    fairness: float = 0.0
    hopes: Sequence[tuple[int, int]] = ()
    hope_weight: float = 0.0
    hope_share: float = 1.0
    apart: Sequence[Sequence[int] | NDArray[np.int64]] | NDArray[np.int64] = ()
    topic_hopes: TopicHopes | None = None

    @property
    def n(self) -> int:
        """Number of members."""
        if isinstance(self.scores, FeatureScores):
            return self.scores.n
        return int(np.asarray(self.scores).shape[0])


@dataclass(frozen=True)
class KeptApart:
    """Who may not share a group: sets of members no two of which may, indexed both ways.

    A forbidden pair is a set of two; the members sharing a label of an ``apart``
    labelling are one set. Memory grows with the number of members in the sets, not
    with the pairs they imply, and "may i join group g?" looks through the members of
    i's sets: no more of them than a list of i's forbidden partners would hold.

    Examples
    --------
    >>> kept = keep_apart(5, np.array([[3, 4]]), np.array([[0, 0, -1, 0, 1]]))
    >>> kept.partners(0).tolist()
    [1, 3]
    >>> kept.together(np.array([0, 1, 1, 0, 0])).tolist()
    [[0, 3], [3, 4]]
    """

    start: NDArray[np.int64]  # (sets + 1,): members of set c are members[start[c]:start[c + 1]]
    members: NDArray[np.int64]
    member_start: NDArray[np.int64]  # (n + 1,): sets of member i are sets[member_start[i]:...]
    sets: NDArray[np.int64]

    def __len__(self) -> int:
        """Number of sets."""
        return int(self.start.shape[0]) - 1

    @property
    def n(self) -> int:
        """Number of members."""
        return int(self.member_start.shape[0]) - 1

    def partners(self, i: int) -> NDArray[np.int64]:
        """The members that may not share a group with member ``i`` (sorted, unique)."""
        own = self.sets[self.member_start[i] : self.member_start[i + 1]]
        if own.size == 0:
            return np.zeros(0, dtype=np.int64)
        found = np.concatenate([self.members[self.start[c] : self.start[c + 1]] for c in own])
        return np.unique(found[found != i])

    def partner_counts(self) -> NDArray[np.int64]:
        """How many members each member may not share a group with (counted per set)."""
        sizes = np.diff(self.start)
        counts: NDArray[np.int64] = np.bincount(
            self.members, np.repeat(sizes - 1, sizes), minlength=self.n
        ).astype(np.int64)
        return counts

    def pair_count(self) -> int:
        """How many pairs the sets keep apart (a pair in two sets counted twice)."""
        sizes = np.diff(self.start)
        return int((sizes * (sizes - 1) // 2).sum())

    def together(self, group_of: NDArray[np.int64]) -> NDArray[np.int64]:
        """The pairs ``(a, b)``, ``a < b``, sorted and unique, that may not share a group
        but share one in ``group_of`` (member -> group, -1 for none)."""
        sizes = np.diff(self.start)
        set_of = np.repeat(np.arange(len(self), dtype=np.int64), sizes)
        group = np.asarray(group_of, dtype=np.int64)[self.members]
        placed = group >= 0
        set_of, group, members = set_of[placed], group[placed], self.members[placed]
        order = np.lexsort((members, group, set_of))
        set_of, group, members = set_of[order], group[order], members[order]
        first = np.ones(members.size, dtype=np.bool_)
        first[1:] = (set_of[1:] != set_of[:-1]) | (group[1:] != group[:-1])
        starts = np.append(np.flatnonzero(first), members.size)
        return _pairs_within(starts, members, self.n)

    def pairs(self) -> NDArray[np.int64]:
        """Every pair ``(a, b)``, ``a < b``, sorted and unique, that may not share a group;
        for the dense paths only (a label of m members gives m (m - 1) / 2 pairs)."""
        return self.together(np.zeros(self.n, dtype=np.int64))


def _pairs_within(
    starts: NDArray[np.int64], members: NDArray[np.int64], n: int
) -> NDArray[np.int64]:
    """Every pair of members within each run ``members[starts[r]:starts[r + 1]]``, as
    sorted unique rows ``(a, b)`` with ``a < b`` (built with numpy, no Python loop)."""
    ends = np.repeat(starts[1:], np.diff(starts))
    later = ends - np.arange(members.size) - 1  # positions after each one in its run
    first = np.repeat(np.arange(members.size), later)
    offset = np.arange(first.size) - np.repeat(np.cumsum(later) - later, later)
    a, b = members[first], members[first + 1 + offset]
    codes = np.unique(np.minimum(a, b) * n + np.maximum(a, b))
    return np.stack([codes // n, codes % n], axis=1).astype(np.int64)


def keep_apart(n: int, forbidden: NDArray[np.int64], apart: NDArray[np.int64]) -> KeptApart:
    """The sets of :class:`KeptApart` from forbidden pairs ``(f, 2)`` and labellings
    ``(k, n)`` (-1 for no label; a label only one member has keeps nobody apart)."""
    t, who = np.nonzero(apart >= 0)
    label = apart[t, who]
    order = np.lexsort((who, label, t))
    t, label, who = t[order], label[order], who[order]
    first = np.ones(who.size, dtype=np.bool_)
    first[1:] = (t[1:] != t[:-1]) | (label[1:] != label[:-1])
    run = np.cumsum(first) - 1
    size = np.bincount(run, minlength=int(first.sum()))
    members = np.concatenate([who[size[run] >= 2], forbidden.reshape(-1)]).astype(np.int64)
    sizes = np.concatenate([size[size >= 2], np.full(forbidden.shape[0], 2)]).astype(np.int64)
    start = np.zeros(sizes.size + 1, dtype=np.int64)
    start[1:] = np.cumsum(sizes)
    set_of = np.repeat(np.arange(sizes.size, dtype=np.int64), sizes)
    by_member = np.argsort(members, kind="stable")
    member_start = np.zeros(n + 1, dtype=np.int64)
    member_start[1:] = np.cumsum(np.bincount(members, minlength=n))
    return KeptApart(start, members, member_start, set_of[by_member])


@dataclass(frozen=True)
class PreparedProblem:
    """A validated problem in the arrays the solvers use (see :func:`prepare`)."""

    n: int
    dense: NDArray[np.float64] | None  # symmetric, zero diagonal; None for features
    features: FeatureScores | None
    lower: NDArray[np.int64]  # (g,)
    upper: NDArray[np.int64]  # (g,)
    forbidden: NDArray[np.int64]  # (f, 2), i < j, unique
    apart: NDArray[np.int64]  # (k, n) labels, -1 for none
    kept_apart: KeptApart  # forbidden and apart as one index, which every solver asks
    unit_of: NDArray[np.int64]  # (n,) pinned component index of each member
    units: tuple[tuple[int, ...], ...]  # members of each pinned component
    unit_group: NDArray[np.int64]  # (units,) fixed group of the component or -1
    masks: NDArray[np.uint64]  # (n,) availability (all bits when not given)
    fairness: float
    hopes: NDArray[np.int64] = field(default_factory=lambda: np.zeros((0, 2), dtype=np.int64))
    hope_weight: float = 0.0  # 0 when there are no hopes
    hope_target: int = 0  # at most this many members earn hope_weight
    topics: PreparedTopics | None = None  # the hopes as topics (then ``hopes`` is empty)

    @cached_property
    def helpers(self) -> dict[int, frozenset[int]]:
        """Who can meet each hoping member's hopes, built once per problem (the web
        editor makes a new editor over the same prepared problem on every preview)."""
        found: dict[int, set[int]] = {}
        for i, j in self.hopes.tolist():
            found.setdefault(i, set()).add(j)
        return {i: frozenset(js) for i, js in found.items()}

    @property
    def hoping(self) -> NDArray[np.int64]:
        """Members with at least one hope that someone in the problem meets."""
        if self.topics is not None:
            return self.topics.hoping
        return np.unique(self.hopes[:, 0])

    def hope_term(self, met: int) -> float:
        """The objective's hopes term when ``met`` members have their hopes met:
        ``hope_weight`` each, for at most ``hope_target`` members."""
        return self.hope_weight * min(met, self.hope_target)

    @property
    def groups(self) -> int:
        """Number of groups."""
        return int(self.lower.shape[0])

    @property
    def has_constraints(self) -> bool:
        """True when anything beyond sizes restricts the grouping."""
        return (
            len(self.kept_apart) > 0
            or len(self.units) < self.n
            or bool(np.any(self.unit_group >= 0))
            or bool(np.any(self.masks != ALL_SLOTS))
        )


def group_count(n: int, lo: int, hi: int) -> int:
    """Number of groups for ``n`` members in groups of ``lo..hi``: the fewest that fit.

    Raises
    ------
    InfeasibleProblemError
        When no number of groups of ``lo..hi`` members adds up to ``n``.

    Examples
    --------
    >>> group_count(20, 6, 8)
    3
    """
    if lo < 1 or hi < lo:
        raise InfeasibleProblemError(
            f"group size {lo}-{hi} is not a valid range (need 1 <= lo <= hi)"
        )
    if n < 1:
        raise InfeasibleProblemError("there is nobody to group (n = 0)")
    g = math.ceil(n / hi)
    if g * lo > n:
        raise InfeasibleProblemError(
            f"{n} members cannot be split into groups of {lo}-{hi}: "
            f"{g - 1} groups hold at most {(g - 1) * hi}, {g} groups need at least {g * lo}"
        )
    return g


def even_bounds(n: int, lo: int, hi: int) -> list[tuple[int, int]]:
    """Per-group bounds that make ``n`` members into groups of ``lo..hi`` as even as the
    sizes allow: the fewest groups that fit, each of ``n // g`` or one more.

    Examples
    --------
    >>> even_bounds(50, 6, 8)
    [(7, 8), (7, 8), (7, 8), (7, 8), (7, 8), (7, 8), (7, 8)]
    >>> even_bounds(6, 2, 4)
    [(3, 3), (3, 3)]
    """
    groups = group_count(n, lo, hi)
    small = n // groups
    return [(small, small if n % groups == 0 else small + 1)] * groups


def _check_scores(
    problem: GroupingProblem,
) -> tuple[NDArray[np.float64] | None, FeatureScores | None]:
    scores = problem.scores
    if isinstance(scores, FeatureScores):
        left = np.asarray(scores.left)
        right = np.asarray(scores.right)
        if left.ndim != 2 or left.shape != right.shape:
            raise InfeasibleProblemError(
                f"feature scores need left and right of the same shape (n, k); "
                f"got {left.shape} and {right.shape}"
            )
        if not (np.all(np.isfinite(left)) and np.all(np.isfinite(right))):
            raise InfeasibleProblemError("feature scores contain NaN or infinite values")
        if not math.isfinite(scores.bias):
            raise InfeasibleProblemError("feature score bias is not finite")
        feats = FeatureScores(
            np.ascontiguousarray(left, dtype=np.float32),
            np.ascontiguousarray(right, dtype=np.float32),
            float(scores.bias),
        )
        return None, feats
    shape = np.shape(scores)
    if len(shape) == 2 and shape[0] > MAX_DENSE_MEMBERS:
        raise ProblemTooLargeError(
            f"{shape[0]:,} members are more than the {MAX_DENSE_MEMBERS:,} natverk groups "
            "from a dense score matrix; use FeatureScores for larger cohorts"
        )
    d = np.array(scores, dtype=np.float64)
    if d.ndim != 2 or d.shape[0] != d.shape[1]:
        raise InfeasibleProblemError(f"the score matrix must be square; got shape {d.shape}")
    np.fill_diagonal(d, 0.0)
    bad = ~np.isfinite(d)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise InfeasibleProblemError(f"score matrix has a NaN or infinite value at ({i}, {j})")
    scale = max(1.0, float(np.abs(d).max(initial=0.0)))
    if scale > MAX_ABS_SCORE:
        i, j = np.unravel_index(int(np.argmax(np.abs(d))), d.shape)
        raise InfeasibleProblemError(
            f"score s[{i}, {j}] = {d[i, j]:g} is larger than {MAX_ABS_SCORE:g} in absolute "
            "value: rescale the scores"
        )
    asym = np.abs(d - d.T)
    if asym.max(initial=0.0) > 1e-9 * scale:
        i, j = np.unravel_index(int(np.argmax(asym)), asym.shape)
        raise InfeasibleProblemError(
            f"score matrix is not symmetric: s[{i}, {j}] = {d[i, j]} but s[{j}, {i}] = {d[j, i]}"
        )
    d = (d + d.T) / 2.0
    return d, None


def _check_pairs(name: str, pairs: Sequence[tuple[int, int]], n: int) -> NDArray[np.int64]:
    """Pairs as a sorted ``(k, 2)`` array with ``a < b``, refusing malformed ones by name."""
    if len(pairs) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    for pair in pairs:
        if len(pair) != 2:
            raise InfeasibleProblemError(f"{name} pair {pair!r} must have exactly two members")
    arr = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    bad = np.flatnonzero((arr < 0).any(axis=1) | (arr >= n).any(axis=1))
    if bad.size:
        a, b = (int(x) for x in arr[bad[0]])
        m = a if not 0 <= a < n else b
        raise InfeasibleProblemError(
            f"{name} pair ({a}, {b}) names member {m}, but members are 0..{n - 1}"
        )
    same = np.flatnonzero(arr[:, 0] == arr[:, 1])
    if same.size:
        a = int(arr[same[0], 0])
        raise InfeasibleProblemError(f"{name} pair ({a}, {a}) names the same member twice")
    return np.unique(np.sort(arr, axis=1), axis=0)


def _check_directed(name: str, pairs: Sequence[tuple[int, int]], n: int) -> NDArray[np.int64]:
    """Directed pairs as a sorted unique ``(k, 2)`` array (``(a, b)`` and ``(b, a)`` differ)."""
    if len(pairs) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    checked = _check_pairs(name, pairs, n)  # refuses malformed pairs by name
    del checked
    arr = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    return np.unique(arr, axis=0)


def _check_apart(
    apart: Sequence[Sequence[int] | NDArray[np.int64]] | NDArray[np.int64], n: int
) -> NDArray[np.int64]:
    """The labellings as a ``(k, n)`` int64 array, refusing one of the wrong length, of
    other than integers, or with a label below -1, by its position."""
    rows = [np.asarray(row) for row in apart]
    for t, row in enumerate(rows):
        if row.shape != (n,):
            raise InfeasibleProblemError(
                f"apart labelling {t} needs one label per member ({n}); got shape {row.shape}"
            )
        if n and row.dtype.kind not in "iu":
            raise InfeasibleProblemError(
                f"apart labelling {t} must hold integers (-1 for no label); got {row.dtype}"
            )
        low = np.flatnonzero(row < -1)
        if low.size:
            m = int(low[0])
            raise InfeasibleProblemError(
                f"apart labelling {t} gives member {m} the label {int(row[m])}: labels are "
                ">= 0, or -1 for none"
            )
    if not rows:
        return np.zeros((0, n), dtype=np.int64)
    return np.stack(rows).astype(np.int64)


def _components(n: int, pinned: NDArray[np.int64]) -> NDArray[np.int64]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pinned:
        ra, rb = find(int(a)), find(int(b))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = [find(i) for i in range(n)]
    label: dict[int, int] = {}
    return np.array([label.setdefault(r, len(label)) for r in roots], dtype=np.int64)


def _bounds(problem: GroupingProblem, n: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    if problem.group_bounds is not None:
        gb = list(problem.group_bounds)
        if not gb:
            raise InfeasibleProblemError("group_bounds is empty: there must be at least one group")
        for k, pair in enumerate(gb):
            lo, hi = int(pair[0]), int(pair[1])
            if lo < 0 or hi < lo or hi < 1:
                raise InfeasibleProblemError(f"group {k} has invalid size bounds {lo}-{hi}")
        lower = np.array([int(p[0]) for p in gb], dtype=np.int64)
        upper = np.array([int(p[1]) for p in gb], dtype=np.int64)
        if lower.sum() > n:
            raise InfeasibleProblemError(
                f"the groups need at least {lower.sum()} members in total but there are only {n}"
            )
        if upper.sum() < n:
            raise InfeasibleProblemError(
                f"the groups hold at most {upper.sum()} members in total but there are {n}"
            )
        return lower, upper
    if problem.size is None:
        raise InfeasibleProblemError("give either size=(lo, hi) or group_bounds")
    lo, hi = int(problem.size[0]), int(problem.size[1])
    g = group_count(n, lo, hi)
    return np.full(g, lo, dtype=np.int64), np.full(g, hi, dtype=np.int64)


def prepare(problem: GroupingProblem, *, refuse_crowded: bool = True) -> PreparedProblem:
    """Validate ``problem`` and normalise it for the solvers; ``refuse_crowded=False``
    lets a hand editor work on groups whose labels cannot all be kept apart.

    Raises
    ------
    InfeasibleProblemError
        With a text naming the problem: malformed scores (not square, not symmetric,
        NaN), sizes that cannot fit ``n``, members out of range, a malformed ``apart``
        labelling, a label shared by more members than there are groups
        (:class:`LabelCrowdedError`), a pinned pair that is also forbidden or shares a
        label (directly or through a chain of pins), a pin chain larger than the
        largest group, pinned members fixed to different groups, a fixed group index
        out of range, too many members fixed to one group, two members kept apart but
        fixed to one group, members or pinned chains without a common availability slot.
    """
    dense, feats = _check_scores(problem)
    n = feats.n if feats is not None else int(dense.shape[0])  # type: ignore[union-attr]
    lower, upper = _bounds(problem, n)
    g = int(lower.shape[0])
    fairness = float(problem.fairness)
    if not math.isfinite(fairness) or fairness < 0:
        raise InfeasibleProblemError(
            f"fairness must be a finite number >= 0; got {problem.fairness}"
        )

    hope_weight = float(problem.hope_weight)
    if not math.isfinite(hope_weight) or hope_weight < 0:
        raise InfeasibleProblemError(
            f"hope_weight must be a finite number >= 0; got {problem.hope_weight}"
        )
    hope_share = float(problem.hope_share)
    if not 0.0 <= hope_share <= 1.0:
        raise InfeasibleProblemError(
            f"hope_share must be a share between 0 and 1; got {problem.hope_share}"
        )
    hopes = _check_directed("hopes", problem.hopes, n)
    topics = _check_topics(problem, n, len(hopes))
    if topics is not None and hope_weight > 0 and topics.can.any():
        hoping = int(topics.can.sum())
    else:
        topics = None
        if hope_weight == 0 or len(hopes) == 0:
            hopes, hope_weight = np.zeros((0, 2), dtype=np.int64), 0.0
        hoping = int(np.unique(hopes[:, 0]).size)
    hope_target = min(hoping, math.ceil(hope_share * hoping - 1e-9))
    forbidden = _check_pairs("forbidden", problem.forbidden, n)
    apart = _check_apart(problem.apart, n)
    crowded = crowded_labels(apart, g) if refuse_crowded else []
    if crowded:
        raise LabelCrowdedError(crowded)
    kept = keep_apart(n, forbidden, apart)
    pinned = _check_pairs("pinned", problem.pinned, n)
    unit_of = _components(n, pinned)
    n_units = int(unit_of.max()) + 1 if n else 0
    members: list[list[int]] = [[] for _ in range(n_units)]
    for i, u in enumerate(unit_of):
        members[int(u)].append(i)
    units = tuple(tuple(m) for m in members)

    clashes = kept.together(unit_of)
    if len(clashes):
        a, b = (int(x) for x in clashes[0])
        direct = (a, b) in {(int(x), int(y)) for x, y in pinned}
        how = "pinned" if direct else "pinned through a chain of pins"
        raise InfeasibleProblemError(
            f"members {a} and {b} are both forbidden to share a group and {how} together"
        )

    max_hi = int(upper.max())
    for comp in units:
        if len(comp) > max_hi:
            raise InfeasibleProblemError(
                f"members {list(comp)} are pinned together ({len(comp)} people) but the "
                f"largest group holds {max_hi}"
            )

    unit_group = np.full(n_units, -1, dtype=np.int64)
    for member, grp in dict(problem.fixed).items():
        m, gi = int(member), int(grp)
        if not 0 <= m < n:
            raise InfeasibleProblemError(f"fixed member {m} is out of range 0..{n - 1}")
        if not 0 <= gi < g:
            raise InfeasibleProblemError(
                f"member {m} is fixed to group {gi} but there are only {g} groups (0..{g - 1})"
            )
        u = int(unit_of[m])
        if unit_group[u] >= 0 and unit_group[u] != gi:
            others = [x for x in units[u] if int(problem.fixed.get(x, gi)) != gi]
            raise InfeasibleProblemError(
                f"member {m} is fixed to group {gi} but is pinned together with "
                f"member {others[0]}, which is fixed to group {unit_group[u]}"
            )
        unit_group[u] = gi
    load = np.zeros(g, dtype=np.int64)
    for u, grp_idx in enumerate(unit_group):
        if grp_idx >= 0:
            load[grp_idx] += len(units[u])
    over = np.flatnonzero(load > upper)
    if over.size:
        k = int(over[0])
        raise InfeasibleProblemError(
            f"{load[k]} members are fixed (with their pinned partners) to group {k}, "
            f"which holds at most {upper[k]}"
        )
    clashes = kept.together(unit_group[unit_of])
    if len(clashes):
        a, b = (int(x) for x in clashes[0])
        raise InfeasibleProblemError(
            f"members {a} and {b} are both forbidden to share a group and fixed (with "
            f"their pinned partners) to group {unit_group[unit_of[a]]}"
        )

    if problem.availability is None:
        masks = np.full(n, ALL_SLOTS, dtype=np.uint64)
    else:
        masks = np.asarray(problem.availability)
        if masks.shape != (n,):
            raise InfeasibleProblemError(
                f"availability needs one bitmask per member ({n}); got shape {masks.shape}"
            )
        if masks.dtype.kind not in "ui":
            raise InfeasibleProblemError("availability must be integer bitmasks (uint64)")
        masks = masks.astype(np.uint64)
        empty = np.flatnonzero(masks == 0)
        if empty.size:
            raise InfeasibleProblemError(
                f"member {int(empty[0])} has no availability slot at all (bitmask 0)"
            )
        for comp in units:
            common = np.bitwise_and.reduce(masks[list(comp)])
            if len(comp) > 1 and common == 0:
                raise InfeasibleProblemError(
                    f"members {list(comp)} are pinned together but share no availability slot"
                )
        fixed_in: dict[int, list[int]] = {}
        for u, grp_idx in enumerate(unit_group):
            if grp_idx >= 0:
                fixed_in.setdefault(int(grp_idx), []).extend(units[u])
        for k, fixed_here in sorted(fixed_in.items()):
            if np.bitwise_and.reduce(masks[fixed_here]) == 0:
                raise InfeasibleProblemError(
                    f"the members fixed to group {k} ({fixed_here}) share no availability slot"
                )
    return PreparedProblem(
        n=n,
        dense=dense,
        features=feats,
        lower=lower,
        upper=upper,
        forbidden=forbidden,
        apart=apart,
        kept_apart=kept,
        unit_of=unit_of,
        units=units,
        unit_group=unit_group,
        masks=masks,
        fairness=fairness,
        hopes=hopes,
        hope_weight=hope_weight,
        hope_target=hope_target,
        topics=topics,
    )


def _check_topics(problem: GroupingProblem, n: int, pairs: int) -> PreparedTopics | None:
    """The topic hopes indexed, refusing them next to hope pairs or malformed."""
    if problem.topic_hopes is None:
        return None
    if pairs:
        raise InfeasibleProblemError("give hopes as pairs or as topics, not both")
    try:
        return prepare_topics(problem.topic_hopes, n)
    except ValueError as exc:
        raise InfeasibleProblemError(str(exc)) from None


@dataclass(frozen=True)
class Violation:
    """One hard constraint that an assignment breaks, as data the caller can put in words.

    ``kind`` is one of ``"unassigned"``, ``"too_small"``, ``"too_large"``, ``"forbidden"``
    (a forbidden pair or two members with a shared ``apart`` label),
    ``"pinned"``, ``"fixed"``, ``"no_common_slot"``; ``group`` the group index (-1 when none),
    ``members`` the members concerned, ``limit`` the size bound broken (0 when none).
    """

    kind: str
    group: int = -1
    members: tuple[int, ...] = ()
    limit: int = 0

    def __str__(self) -> str:
        m, k = self.members, self.group
        texts = {
            "unassigned": lambda: f"member {m[0]} is in no group",
            "too_small": lambda: f"group {k} has {len(m)} members, fewer than {self.limit}",
            "too_large": lambda: f"group {k} has {len(m)} members, more than {self.limit}",
            "forbidden": lambda: (
                f"members {m[0]} and {m[1]} must not share a group but are in group {k}"
            ),
            "pinned": lambda: f"members {m[0]} and {m[1]} are pinned together but apart",
            "fixed": lambda: f"member {m[0]} is fixed to group {self.limit} but is in group {k}",
            "no_common_slot": lambda: (
                f"group {k} has no availability slot common to all its members"
            ),
        }
        return texts[self.kind]()


def find_violations(prep: PreparedProblem, group_of: NDArray[np.int64]) -> list[Violation]:
    """Every hard constraint the assignment ``group_of`` (member -> group, -1 for none)
    breaks, as :class:`Violation` records."""
    out = [Violation("unassigned", members=(int(i),)) for i in np.flatnonzero(group_of < 0)]
    for k in range(prep.groups):
        members = tuple(int(i) for i in np.flatnonzero(group_of == k))
        lo, hi = int(prep.lower[k]), int(prep.upper[k])
        if len(members) < lo:
            out.append(Violation("too_small", k, members, lo))
        elif len(members) > hi:
            out.append(Violation("too_large", k, members, hi))
    for a, b in prep.kept_apart.together(group_of).tolist():
        out.append(Violation("forbidden", int(group_of[a]), (a, b)))
    for unit in prep.units:
        for other in unit[1:]:
            if group_of[other] != group_of[unit[0]]:
                out.append(Violation("pinned", int(group_of[other]), (unit[0], other)))
    for u, grp in enumerate(prep.unit_group):
        if grp >= 0:
            for m in prep.units[u]:
                if group_of[m] != grp:
                    out.append(Violation("fixed", int(group_of[m]), (m,), int(grp)))
    if np.any(prep.masks != ALL_SLOTS):
        for k in range(prep.groups):
            mem = np.flatnonzero(group_of == k)
            if mem.size and np.bitwise_and.reduce(prep.masks[mem]) == 0:
                out.append(Violation("no_common_slot", k, tuple(int(i) for i in mem)))
    return out


def violations(prep: PreparedProblem, group_of: NDArray[np.int64]) -> list[str]:
    """Every hard constraint the assignment ``group_of`` (member -> group) breaks, in words."""
    return [str(v) for v in find_violations(prep, group_of)]
