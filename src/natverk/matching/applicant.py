"""The applicant record: what the intake knows about one person, as plain data.

Shared by the affinity model, the cohort generator, the spreadsheet importer of
``natverk match`` and the web intake, so that all of them speak of one thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Applicant", "SENIORITY_LEVELS"]

#: Seniority levels from least to most experienced; index is the ordinal used in scores.
SENIORITY_LEVELS: tuple[str, ...] = ("junior", "mid", "senior", "executive")


@dataclass(frozen=True)
class Applicant:
    """One applicant to a program, as answered in the intake (pre-interview).

    Parameters
    ----------
    name, email
        Display name and e-mail (the e-mail identifies the person in exports).
    profession
        ISCO-08 code, ideally a 4-digit unit group ("2432"); "" when unknown.
    industry
        NACE Rev. 2 code at any level ("D", "35", "35.1", "35.11"); "" when unknown.
    employer
        Employer as written by the applicant; normalised by the affinity model.
    region
        Region code (Swedish county "SE-AB", Danish region "DK-84") or free text.
    seniority
        One of :data:`SENIORITY_LEVELS`, or "" when unknown.
    languages
        ISO 639-1 codes the person can hold a meeting in ("sv", "da", "en", "nb").
    hopes, offers
        Free text: what I hope to get, what I can contribute (any of sv/da/nb/en).
    availability
        Slot identifiers the person can meet in (e.g. "tue-evening"); empty = any.
    conflicts
        E-mails of people this applicant must not share a group with.
    """

    name: str
    email: str = ""
    profession: str = ""
    industry: str = ""
    employer: str = ""
    region: str = ""
    seniority: str = ""
    languages: tuple[str, ...] = ()
    hopes: str = ""
    offers: str = ""
    availability: frozenset[str] = field(default_factory=frozenset)
    conflicts: frozenset[str] = field(default_factory=frozenset)
