"""Realistic forms exports for the importer tests: what Google Forms, Microsoft Forms and
Typeform write when a leader asks the questions in Swedish, Danish, Norwegian or English.

The headers are the questions as leaders phrase them (not natverk's own words): "Vilka
tider passar dig för träffarna?" is availability only by its answers. Answers come from
:func:`natverk.cohorts.generate_cohort`, the times written the way people write them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from natverk.cohorts import generate_cohort, profession_title
from natverk.matching.applicant import Applicant

# Per language: how a leader words each question (field -> header); None = not asked.
QUESTIONS: dict[str, dict[str, str]] = {
    "sv": {
        "name": "Vad heter du?",
        "email": "Din e-postadress",
        "profession": "Vad är din yrkesroll/titel?",
        "employer": "Var arbetar du? (arbetsgivare)",
        "hopes": "Vad hoppas du få ut av att vara med i nätverket?",
        "offers": "Vad kan du bidra med till andra i gruppen?",
        "availability": "Vilka tider passar dig för träffarna?",
    },
    "da": {
        "name": "Fulde navn",
        "email": "Din mailadresse",
        "profession": "Hvad er din stilling?",
        "employer": "Hvem er din arbejdsgiver?",
        "hopes": "Hvad håber du at få ud af netværket?",
        "offers": "Hvad kan du bidrage med?",
        "availability": "Hvilke tidspunkter passer bedst for dig?",
    },
    "nb": {
        "name": "Navn",
        "email": "Kontaktinformasjon",
        "profession": "Stilling",
        "employer": "Arbeidsgiver",
        "hopes": "Hva håper du å få ut av nettverket?",
        "offers": "Hva kan du bidra med?",
        "availability": "Hvilke dager og tider passer for deg?",
    },
    "en": {
        "name": "Full name",
        "email": "Your work email",
        "profession": "Job title",
        "employer": "Organisation you work for",
        "hopes": "What do you hope to get out of the network?",
        "offers": "What can you offer others?",
        "availability": "Which times work for you?",
    },
}
# Times of day as people write them, per language (day names, part names).
_DAYS = {
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag"),
    "da": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag"),
    "nb": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
}
_PARTS = {
    "sv": {"morning": "förmiddag", "lunch": "lunch", "evening": "efter jobbet"},
    "da": {"morning": "formiddag", "lunch": "frokost", "evening": "aften"},
    "nb": {"morning": "formiddag", "lunch": "lunsj", "evening": "kveld"},
    "en": {"morning": "morning", "lunch": "lunchtime", "evening": "evening"},
}
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


@dataclass(frozen=True)
class Export:
    """An export as the reader gets it: the file's bytes, its name, and who is in it."""

    data: bytes
    filename: str
    people: list[Applicant]
    headers: dict[str, str]  # field -> the header it has in this file


def times(slots: Sequence[str], lang: str) -> str:
    """Availability as a person writes it ("Tisdag efter jobbet, onsdag lunch")."""
    words = []
    for slot in sorted(slots):
        day, part = slot.split("-")
        words.append(f"{_DAYS[lang][_WEEKDAYS.index(day)]} {_PARTS[lang][part]}")
    text = ", ".join(words)
    return text[:1].upper() + text[1:]


def _csv(rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _answers(person: Applicant, lang: str) -> dict[str, str]:
    title_lang = "da" if lang == "nb" else lang
    return {
        "name": person.name,
        "email": person.email,
        "profession": profession_title(person.profession, title_lang),
        "employer": person.employer,
        "hopes": person.hopes,
        "offers": person.offers,
        "availability": times(person.availability, lang),
    }


def google_forms(lang: str, n: int = 24, seed: int = 5) -> Export:
    """Google Forms: a timestamp first, then the questions in the order asked."""
    people = generate_cohort(n, seed=seed)
    stamp = {"sv": "Tidstämpel", "da": "Tidsstempel", "nb": "Tidsmerke", "en": "Timestamp"}[lang]
    fields = list(QUESTIONS[lang])
    rows = [[stamp, *(QUESTIONS[lang][f] for f in fields)]]
    for k, person in enumerate(people):
        answers = _answers(person, lang)
        rows.append([f"2027/01/{10 + k % 9:02d} 09:{k % 60:02d}:12", *(answers[f] for f in fields)])
    return Export(_csv(rows), "svar.csv", people, dict(QUESTIONS[lang]))


def microsoft_forms(lang: str, n: int = 24, seed: int = 6) -> Export:
    """Microsoft Forms (Excel download as CSV with ;): ID, start and completion times,
    the respondent's e-mail and name, then the questions (here without name/e-mail)."""
    people = generate_cohort(n, seed=seed)
    asked = [f for f in QUESTIONS[lang] if f not in ("name", "email")]
    rows = [
        [
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            *(QUESTIONS[lang][f] for f in asked),
        ]
    ]
    for k, person in enumerate(people):
        answers = _answers(person, lang)
        when = f"1/{10 + k % 9}/27 9:{k % 60:02d}:00"
        rows.append(
            [str(k + 1), when, when, person.email, person.name, *(answers[f] for f in asked)]
        )
    headers = {f: QUESTIONS[lang][f] for f in asked} | {"email": "Email", "name": "Name"}
    return Export(_csv(rows, ";"), "svar.csv", people, headers)


def typeform(lang: str, n: int = 24, seed: int = 7) -> Export:
    """Typeform: a response id, the questions, then start/submit dates and a network id."""
    people = generate_cohort(n, seed=seed)
    fields = list(QUESTIONS[lang])
    rows = [
        [
            "#",
            *(QUESTIONS[lang][f] for f in fields),
            "Start Date (UTC)",
            "Submit Date (UTC)",
            "Network ID",
        ]
    ]
    for k, person in enumerate(people):
        answers = _answers(person, lang)
        rows.append(
            [
                f"r{k:05x}",
                *(answers[f] for f in fields),
                f"2027-01-{10 + k % 9:02d} 08:{k % 60:02d}:00",
                f"2027-01-{10 + k % 9:02d} 08:{(k + 3) % 60:02d}:00",
                f"{(k * 7919) % 65536:04x}{k:04x}",
            ]
        )
    return Export(_csv(rows), "responses.csv", people, dict(QUESTIONS[lang]))
