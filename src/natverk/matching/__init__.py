"""natverk.matching: pure core package (never imports Django).

Public API: describe a :class:`GroupingProblem`, call :func:`form_groups`, edit by
hand with :class:`GroupEditor`. Whatever is not listed in ``__all__`` is private.
"""

from natverk.matching.editor import GroupEditor
from natverk.matching.grouping import GroupingResult, form_groups
from natverk.matching.problem import (
    MAX_DENSE_MEMBERS,
    FeatureScores,
    GroupingProblem,
    InfeasibleProblemError,
    LabelCrowdedError,
    ProblemTooLargeError,
    Violation,
)

__all__ = [
    "MAX_DENSE_MEMBERS",
    "FeatureScores",
    "GroupEditor",
    "GroupingProblem",
    "GroupingResult",
    "InfeasibleProblemError",
    "LabelCrowdedError",
    "ProblemTooLargeError",
    "Violation",
    "form_groups",
]
