"""Load, once per web process, what a leader's first group-editor request would wait for.

Building a program's affinity model imports scikit-learn and reads the language tables
(stemmers, stop words, topic words): about two seconds the first time in a process; the
occupation, industry and region names that pages show take another 0.1 s. A web process
does both when it starts, not while someone waits (the command line stays lazy: `natverk
--help` never imports them). Then it moves everything loaded so far out of the garbage
collector's reach (``gc.freeze``): the oldest generation's sweeps walked those ~115,000
long-lived objects and cost the pages about 6 % of their CPU under load.
"""

from __future__ import annotations

import gc
import logging

from natverk.matching.affinity import build_affinity
from natverk.matching.applicant import Applicant
from natverk.taxonomy import label

logger = logging.getLogger("natverk.site")

_EXAMPLES = (
    Applicant(name="A", email="a@example.org", hopes="ledarskap", offers="analys"),
    Applicant(name="B", email="b@example.org", hopes="analysis", offers="leadership"),
)


def warm_up() -> None:
    """Build a two-person affinity model and read the code tables (errors are logged,
    never raised), then freeze what the process has loaded so that the collector stops
    re-scanning it."""
    try:
        build_affinity(list(_EXAMPLES))
        for kind, code in (("occupation", "2432"), ("industry", "62"), ("region", "SE-AB")):
            label(kind, code, "sv")
    except Exception:  # a warm-up must never keep the site from starting
        logger.exception("warming up the matching libraries failed")
    gc.freeze()
