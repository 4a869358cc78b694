"""Realistic synthetic employees of a company, and HR-style exports of them.

For the colleague-pairing demo, tests and benchmarks: the people of
:func:`natverk.cohorts.generate_cohort` (names, professions, what they offer and hope
for) as employees of one company, with the department their profession belongs to, an
office, a start date (about one in twelve started in the last 90 days) and the
languages they speak. :func:`write_employee_csv` and :func:`write_employee_xlsx` write
the file an HR system exports, with headers in sv, da or en; it reads back through
:func:`natverk.formats.employees.read_employees`. Deterministic for a seed. Pure: no
Django.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from natverk.cohorts import generate_cohort, profession_title

__all__ = [
    "DEPARTMENTS",
    "EMPLOYEE_HEADERS",
    "Staff",
    "generate_staff",
    "write_employee_csv",
    "write_employee_xlsx",
]

#: ISCO-08 unit group -> department (Swedish names, as an HR system in Sweden has them).
DEPARTMENTS: dict[str, str] = {
    "2631": "Analys",
    "2411": "Ekonomi",
    "2413": "Ekonomi",
    "1211": "Ekonomi",
    "2423": "HR",
    "1212": "HR",
    "2634": "HR",
    "2635": "HR",
    "2432": "Kommunikation",
    "1222": "Kommunikation",
    "2431": "Marknad",
    "2421": "Verksamhetsutveckling",
    "2422": "Verksamhetsutveckling",
    "2511": "IT",
    "2512": "IT",
    "2611": "Juridik",
    "2622": "Kommunikation",
    "2149": "Teknik",
}
OFFICES = (("Stockholm", 0.45), ("Luleå", 0.25), ("Göteborg", 0.2), ("Köpenhamn", 0.1))
EMPLOYEE_HEADERS: dict[str, tuple[str, ...]] = {
    "sv": ("Namn", "E-post", "Avdelning", "Befattning", "Arbetsort", "Anställningsdatum", "Språk"),
    "da": ("Navn", "E-mail", "Afdeling", "Stilling", "Arbejdssted", "Ansættelsesdato", "Sprog"),
    "en": ("Name", "Email", "Department", "Job title", "Location", "Start date", "Languages"),
}


@dataclass(frozen=True)
class Staff:
    """One synthetic employee: what an HR export holds, and what they offer and hope for."""

    name: str
    email: str
    department: str
    role: str
    location: str
    start_date: dt.date
    languages: tuple[str, ...]
    offers: str
    hopes: str


def generate_staff(
    n: int, *, seed: int, today: dt.date, domain: str = "example.org"
) -> list[Staff]:
    """``n`` employees of one company, deterministically for ``seed``.

    >>> staff = generate_staff(4, seed=1, today=dt.date(2027, 1, 1))
    >>> len({s.email for s in staff}), all(s.department for s in staff)
    (4, True)
    """
    rng = np.random.default_rng(seed)
    offices = [o for o, _ in OFFICES]
    weights = np.array([w for _, w in OFFICES])
    staff = []
    for person in generate_cohort(n, seed=seed, domain=domain):
        office = offices[int(rng.choice(len(offices), p=weights))]
        recent = rng.random() < 1 / 12
        days = int(rng.integers(0, 90)) if recent else int(rng.integers(90, 6 * 365))
        spoken = ("da", "en") if office == "Köpenhamn" else ("sv", "en")
        lang = "da" if office == "Köpenhamn" else "sv"
        staff.append(
            Staff(
                name=person.name,
                email=person.email,
                department=DEPARTMENTS.get(person.profession, "Teknik"),
                role=profession_title(person.profession, lang),
                location=office,
                start_date=today - dt.timedelta(days=days),
                languages=spoken,
                offers=person.offers,
                hopes=person.hopes,
            )
        )
    return staff


def _rows(staff: Sequence[Staff]) -> list[list[str]]:
    return [
        [
            s.name,
            s.email,
            s.department,
            s.role,
            s.location,
            s.start_date.isoformat(),
            ", ".join(s.languages),
        ]
        for s in staff
    ]


def write_employee_csv(staff: Sequence[Staff], path: Path, *, lang: str = "sv") -> None:
    """Write an HR export as CSV (UTF-8, semicolons as Excel in Sweden writes them)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(EMPLOYEE_HEADERS[lang])
        writer.writerows(_rows(staff))


def write_employee_xlsx(staff: Sequence[Staff], path: Path, *, lang: str = "sv") -> None:
    """Write an HR export as an XLSX workbook (one sheet, headers in ``lang``)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Medarbetare" if lang == "sv" else "Sheet1"
    sheet.append(list(EMPLOYEE_HEADERS[lang]))
    for row in _rows(staff):
        sheet.append(row)
    book.save(path)
