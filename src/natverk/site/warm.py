"""Load, once per web process, what a leader's first group-editor request would wait for.

Building a program's affinity model imports scikit-learn and reads the language tables
(stemmers, stop words, topic words): about two seconds the first time in a process. A
web process does it when it starts, not while a leader waits (the command line stays
lazy: `natverk --help` never imports them).
"""

from __future__ import annotations

import logging

from natverk.matching.affinity import build_affinity
from natverk.matching.applicant import Applicant

logger = logging.getLogger("natverk.site")

_EXAMPLES = (
    Applicant(name="A", email="a@example.org", hopes="ledarskap", offers="analys"),
    Applicant(name="B", email="b@example.org", hopes="analysis", offers="leadership"),
)


def warm_up() -> None:
    """Build a two-person affinity model (errors are logged, never raised)."""
    try:
        build_affinity(list(_EXAMPLES))
    except Exception:  # a warm-up must never keep the site from starting
        logger.exception("warming up the matching libraries failed")
