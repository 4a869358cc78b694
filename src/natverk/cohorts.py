"""Realistic synthetic applicants for demos, tests and benchmarks.

A cohort looks like the applicants to a networking program of a Swedish union of
graduates with Danish members too: economists, HR, communicators, analysts, IT,
lawyers and engineers at real-sounding employers (several per employer, with name
variants such as "ICA Sverige AB" and "ICA", so that same-employer conflicts occur),
real ISCO-08 and NACE Rev. 2 codes, Swedish counties and Danish regions, a few
weekly availability slots, and hopes and offers written as sentences in Swedish,
Danish or English over a shared set of topics, so that one person's offer can meet
another's hope. Deterministic for a seed. Pure: no Django.

Examples
--------
>>> cohort = generate_cohort(5, seed=1)
>>> len(cohort), len({a.email for a in cohort})
(5, 5)
"""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from natverk.language._vocabulary import TOPICS as _LANGUAGE_TOPICS
from natverk.matching.applicant import SENIORITY_LEVELS, Applicant
from natverk.schedule import SLOTS, slot_label

__all__ = [
    "FORM_HEADERS",
    "TOPICS",
    "generate_cohort",
    "profession_title",
    "write_form_csv",
    "write_form_xlsx",
]


@dataclass(frozen=True)
class _Employer:
    names: tuple[str, ...]  # first is the official name; others are how people write it
    industry: str  # NACE class or group
    industry_word: str  # what people write in a form
    country: str
    regions: tuple[str, ...]


_EMPLOYERS: tuple[_Employer, ...] = (
    _Employer(
        ("ICA Sverige AB", "ICA", "ICA Gruppen"),
        "47.11",
        "Dagligvaruhandel",
        "SE",
        ("SE-AB", "SE-C", "SE-E"),
    ),
    _Employer(("Vattenfall AB", "Vattenfall"), "35.11", "Energi", "SE", ("SE-AB", "SE-BD")),
    _Employer(("Ellevio AB", "Ellevio"), "35.13", "Energi", "SE", ("SE-AB", "SE-S")),
    _Employer(("Skanska Sverige AB", "Skanska"), "41.20", "Bygg", "SE", ("SE-AB", "SE-O")),
    _Employer(("Volvo Cars", "Volvo Car Corporation"), "29.10", "Fordonsindustri", "SE", ("SE-O",)),
    _Employer(
        ("Telefonaktiebolaget LM Ericsson", "Ericsson"), "26.30", "Telekom", "SE", ("SE-AB", "SE-E")
    ),
    _Employer(("Telia Company AB", "Telia"), "61.10", "Telekom", "SE", ("SE-AB",)),
    _Employer(("Skandinaviska Enskilda Banken", "SEB"), "64.19", "Bank", "SE", ("SE-AB", "SE-O")),
    _Employer(
        ("Svenska Handelsbanken AB", "Handelsbanken"),
        "64.19",
        "Bank",
        "SE",
        ("SE-AB", "SE-M", "SE-AC"),
    ),
    _Employer(
        ("Folksam", "Folksam ömsesidig sakförsäkring"), "65.12", "Försäkring", "SE", ("SE-AB",)
    ),
    _Employer(("AstraZeneca AB", "AstraZeneca"), "21.20", "Läkemedel", "SE", ("SE-AB", "SE-O")),
    _Employer(("Stockholms stad", "Stockholms kommun"), "84.11", "Kommun", "SE", ("SE-AB",)),
    _Employer(("Göteborgs Stad", "Göteborgs kommun"), "84.11", "Kommun", "SE", ("SE-O",)),
    _Employer(("Malmö stad",), "84.11", "Kommun", "SE", ("SE-M",)),
    _Employer(("Region Skåne",), "86.10", "Hälso- och sjukvård", "SE", ("SE-M",)),
    _Employer(("Skatteverket",), "84.11", "Myndighet", "SE", ("SE-AB", "SE-Y", "SE-O")),
    _Employer(("Försäkringskassan",), "84.30", "Myndighet", "SE", ("SE-AB", "SE-AC")),
    _Employer(("Arbetsförmedlingen",), "84.13", "Myndighet", "SE", ("SE-AB", "SE-F", "SE-H")),
    _Employer(("Uppsala universitet",), "85.42", "Universitet", "SE", ("SE-C",)),
    _Employer(("Lunds universitet",), "85.42", "Universitet", "SE", ("SE-M",)),
    _Employer(("IKEA of Sweden AB", "IKEA"), "47.59", "Handel", "SE", ("SE-G", "SE-M")),
    _Employer(("H & M Hennes & Mauritz AB", "H&M"), "47.71", "Handel", "SE", ("SE-AB",)),
    _Employer(("Sveriges Television AB", "SVT"), "60.20", "Media", "SE", ("SE-AB",)),
    _Employer(("Bonnier News", "Bonnier"), "58.13", "Media", "SE", ("SE-AB",)),
    _Employer(("Klarna Bank AB", "Klarna"), "64.19", "Bank", "SE", ("SE-AB",)),
    _Employer(("Sweco Sverige AB", "Sweco"), "71.12", "Konsult", "SE", ("SE-AB", "SE-O", "SE-M")),
    _Employer(("Deloitte AB", "Deloitte"), "69.20", "Redovisning", "SE", ("SE-AB", "SE-O")),
    _Employer(("Advokatfirman Vinge KB", "Vinge"), "69.10", "Juridik", "SE", ("SE-AB",)),
    _Employer(("Scania CV AB", "Scania"), "29.10", "Fordonsindustri", "SE", ("SE-AB",)),
    _Employer(("Novo Nordisk A/S", "Novo Nordisk"), "21.20", "Medicinal", "DK", ("DK-84",)),
    _Employer(("Danske Bank A/S", "Danske Bank"), "64.19", "Bank", "DK", ("DK-84", "DK-82")),
    _Employer(("Ørsted A/S", "Ørsted"), "35.11", "Energi", "DK", ("DK-84", "DK-83")),
    _Employer(("Salling Group A/S", "Salling Group"), "47.11", "Detailhandel", "DK", ("DK-82",)),
    _Employer(("Københavns Kommune",), "84.11", "Kommune", "DK", ("DK-84",)),
    _Employer(("Aarhus Kommune",), "84.11", "Kommune", "DK", ("DK-82",)),
    _Employer(("Vestas Wind Systems A/S", "Vestas"), "28.11", "Energi", "DK", ("DK-82",)),
    _Employer(("LEGO A/S", "LEGO"), "32.40", "Industri", "DK", ("DK-83",)),
    _Employer(("Aarhus Universitet",), "85.42", "Universitet", "DK", ("DK-82",)),
    _Employer(("DR",), "60.20", "Medier", "DK", ("DK-84",)),
)

# ISCO-08 unit groups of a union of graduates, with their share and the everyday
# titles people write in a form (sv, da, en).
_PROFESSIONS: tuple[tuple[str, float, tuple[str, str, str]], ...] = (
    ("2631", 0.07, ("Nationalekonom", "Økonom", "Economist")),
    ("2411", 0.07, ("Controller", "Revisor", "Accountant")),
    ("2413", 0.04, ("Finansanalytiker", "Finansanalytiker", "Financial analyst")),
    ("2423", 0.10, ("HR-specialist", "HR-konsulent", "HR specialist")),
    ("2432", 0.10, ("Kommunikatör", "Kommunikationskonsulent", "Communications officer")),
    ("2431", 0.05, ("Marknadsförare", "Marketingkonsulent", "Marketing specialist")),
    ("2421", 0.10, ("Verksamhetsutvecklare", "Organisationskonsulent", "Management consultant")),
    ("2422", 0.10, ("Utredare", "Fuldmægtig", "Policy analyst")),
    ("2511", 0.06, ("Systemanalytiker", "IT-arkitekt", "Systems analyst")),
    ("2512", 0.05, ("Systemutvecklare", "Softwareudvikler", "Software developer")),
    ("2611", 0.05, ("Jurist", "Jurist", "Lawyer")),
    ("2634", 0.03, ("Psykolog", "Psykolog", "Psychologist")),
    ("2635", 0.03, ("Socionom", "Socialrådgiver", "Social worker")),
    ("2622", 0.02, ("Bibliotekarie", "Bibliotekar", "Librarian")),
    ("1212", 0.03, ("Personalchef", "HR-chef", "HR manager")),
    ("1222", 0.03, ("Kommunikationschef", "Kommunikationschef", "Head of communications")),
    ("1211", 0.03, ("Ekonomichef", "Økonomichef", "Finance manager")),
    ("2149", 0.04, ("Civilingenjör", "Civilingeniør", "Engineer")),
)

#: Topics of hopes and offers, as (key, sv, da, en) noun phrases: the everyday
#: networking topics of natverk.language, so generated texts use its words.
TOPICS: tuple[tuple[str, str, str, str], ...] = tuple(
    (t.key, t.sv, t.da, t.en)
    for t in _LANGUAGE_TOPICS
    if t.key not in {"sustainability-strategy", "networking", "communication", "marketing"}
)

# What each profession tends to be good at (indices into TOPICS by key).
_EXPERTISE: dict[str, tuple[str, ...]] = {
    "2631": ("data-analysis", "budgeting", "sustainability-reporting"),
    "2411": ("budgeting", "sustainability-reporting", "data-analysis"),
    "2413": ("data-analysis", "budgeting", "ai"),
    "2423": ("recruitment", "labour-law", "salary", "work-environment", "coaching"),
    "2432": (
        "crisis-communication",
        "public-speaking",
        "employer-branding",
        "stakeholder-dialogue",
    ),
    "2431": ("employer-branding", "digital-transformation", "data-analysis"),
    "2421": ("change-management", "project-management", "leadership", "digital-transformation"),
    "2422": ("procurement", "stakeholder-dialogue", "gdpr", "project-management"),
    "2511": ("ai", "digital-transformation", "data-analysis", "project-management"),
    "2512": ("ai", "digital-transformation", "data-analysis"),
    "2611": ("labour-law", "gdpr", "procurement", "negotiation"),
    "2634": ("coaching", "work-environment", "leadership"),
    "2635": ("coaching", "work-environment", "stakeholder-dialogue"),
    "2622": ("digital-transformation", "gdpr", "public-speaking"),
    "1212": ("leadership", "negotiation", "recruitment", "labour-law"),
    "1222": ("crisis-communication", "leadership", "stakeholder-dialogue"),
    "1211": ("budgeting", "leadership", "negotiation"),
    "2149": ("project-management", "sustainability-reporting", "ai"),
}

_TEMPLATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sv": (
        (
            "Jag hoppas lära mig mer om {a} och {b}.",
            "Vill utvecklas inom {a} och få tips om {b} från andra branscher.",
            "Jag söker erfarenhetsutbyte kring {a}, gärna också {b}.",
            "Hoppas få nya perspektiv på {a} och {b}.",
        ),
        (
            "Jag kan bidra med erfarenhet av {a} och {b}.",
            "Har arbetat länge med {a} och delar gärna med mig, även om {b}.",
            "Kan erbjuda kunskap i {a} och {b}.",
            "Jag har jobbat mycket med {a} och kan hjälpa till med {b}.",
        ),
    ),
    "da": (
        (
            "Jeg håber at lære mere om {a} og {b}.",
            "Jeg søger sparring om {a} og gerne også {b}.",
            "Vil gerne blive bedre til {a} og høre om {b} fra andre brancher.",
        ),
        (
            "Jeg kan bidrage med erfaring inden for {a} og {b}.",
            "Har arbejdet med {a} i mange år og deler gerne ud af viden om {b}.",
            "Kan tilbyde sparring om {a} og {b}.",
        ),
    ),
    "en": (
        (
            "I hope to learn more about {a} and {b}.",
            "Looking for fresh perspectives on {a} and {b} from other industries.",
        ),
        (
            "I can share experience in {a} and {b}.",
            "I have worked with {a} for years and am happy to help with {b}.",
        ),
    ),
}

_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sv": (
        (
            "Anna",
            "Erik",
            "Maria",
            "Lars",
            "Karin",
            "Anders",
            "Eva",
            "Johan",
            "Sara",
            "Per",
            "Emma",
            "Mikael",
            "Lena",
            "Fredrik",
            "Ida",
            "Jonas",
            "Elin",
            "Mattias",
            "Sofia",
            "Henrik",
            "Linnea",
            "Oskar",
            "Maja",
            "Gustav",
            "Klara",
            "Nils",
            "Frida",
            "Axel",
            "Hanna",
            "Viktor",
            "Amira",
            "Ahmed",
            "Leila",
            "Daniel",
            "Ebba",
            "Magnus",
        ),
        (
            "Andersson",
            "Johansson",
            "Karlsson",
            "Nilsson",
            "Eriksson",
            "Larsson",
            "Olsson",
            "Persson",
            "Svensson",
            "Gustafsson",
            "Pettersson",
            "Jonsson",
            "Lindberg",
            "Lindqvist",
            "Berg",
            "Lundgren",
            "Holm",
            "Bergström",
            "Sandberg",
            "Forsberg",
            "Sjöberg",
            "Wallin",
            "Engström",
            "Åberg",
            "Öberg",
            "Hassan",
            "Nordin",
            "Ekström",
            "Lind",
            "Hedlund",
        ),
    ),
    "da": (
        (
            "Mette",
            "Søren",
            "Anne",
            "Jens",
            "Louise",
            "Rasmus",
            "Camilla",
            "Mads",
            "Sofie",
            "Frederik",
            "Ida",
            "Mikkel",
            "Line",
            "Christian",
            "Signe",
            "Anders",
            "Maja",
            "Jakob",
        ),
        (
            "Nielsen",
            "Jensen",
            "Hansen",
            "Pedersen",
            "Andersen",
            "Christensen",
            "Larsen",
            "Sørensen",
            "Rasmussen",
            "Jørgensen",
            "Madsen",
            "Kristensen",
            "Møller",
            "Thomsen",
        ),
    ),
    "en": (
        ("James", "Emily", "Oliver", "Sophie", "Daniel", "Grace", "Lucas", "Hannah"),
        ("Smith", "Brown", "Taylor", "Wilson", "Evans", "Walker", "Hughes", "Clarke"),
    ),
}

# The meeting times a leader typically offers in the intake form; people tick 2-4.
_SLOT_POOL: tuple[tuple[str, float], ...] = (
    ("tue-evening", 3.0),
    ("wed-lunch", 2.0),
    ("thu-evening", 2.5),
    ("thu-morning", 1.0),
    ("mon-lunch", 1.5),
)

#: Column headers of the form export, per language (Google/Microsoft Forms style).
FORM_HEADERS: dict[str, tuple[str, ...]] = {
    "sv": (
        "Tidstämpel",
        "E-postadress",
        "Namn",
        "Yrke",
        "Bransch",
        "Arbetsgivare",
        "Län/region",
        "Vad hoppas du få ut av nätverket?",
        "Vad kan du bidra med?",
        "När kan du träffas?",
    ),
    "da": (
        "Tidsstempel",
        "E-mailadresse",
        "Navn",
        "Stilling",
        "Branche",
        "Arbejdsgiver",
        "Region",
        "Hvad håber du at få ud af netværket?",
        "Hvad kan du bidrage med?",
        "Hvornår kan du mødes?",
    ),
    "en": (
        "Timestamp",
        "Email address",
        "Name",
        "Profession",
        "Industry",
        "Employer",
        "Region",
        "What do you hope to get from the network?",
        "What can you contribute?",
        "When can you meet?",
    ),
}


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold().replace("ø", "o").replace("æ", "ae"))
    return "".join(c for c in folded if c.isascii() and (c.isalnum() or c in ".-"))


def _pick(rng: np.random.Generator, items: Sequence[str]) -> str:
    return items[int(rng.integers(len(items)))]


def _topic_phrase(key: str, lang: str) -> str:
    row = next(t for t in TOPICS if t[0] == key)
    return row[{"sv": 1, "da": 2, "en": 3}[lang]]


def _sentence(rng: np.random.Generator, templates: Sequence[str], a: str, b: str) -> str:
    return _pick(rng, templates).format(a=a, b=b)


def profession_title(code: str, lang: str = "sv") -> str:
    """The everyday title for an ISCO unit group that the cohort uses ("Kommunikatör")."""
    for isco, _, titles in _PROFESSIONS:
        if isco == code:
            return titles[{"sv": 0, "da": 1, "en": 2}.get(lang, 2)]
    raise KeyError(code)


def generate_cohort(
    n: int,
    *,
    seed: int,
    language_mix: Mapping[str, float] | None = None,
    domain: str = "example.org",
) -> list[Applicant]:
    """Generate ``n`` realistic applicants, deterministically for ``seed``.

    Parameters
    ----------
    n
        Number of applicants (300 take about 60 ms, 10,000 about 1.2 s on 2 busy cores).
    seed
        Seed of the generator; the same seed gives the same cohort.
    language_mix
        Share of applicants writing in sv, da and en (default 70/20/10 %). Danish
        writers work at Danish employers and live in Danish regions.
    domain
        E-mail domain (reserved example domains by default: nobody gets mail).

    Returns
    -------
    list of Applicant
        With unique e-mails, ISCO unit groups, NACE classes, regions, seniority,
        languages, 2-4 availability slots (of the 5 a form offers), hopes and offers.
    """
    if n < 0:
        raise ValueError("a cohort cannot have a negative number of applicants")
    mix = dict(language_mix or {"sv": 0.7, "da": 0.2, "en": 0.1})
    langs = list(mix)
    weights = np.array([mix[k] for k in langs], dtype=float)
    if (weights < 0).any() or weights.sum() <= 0:
        raise ValueError("language_mix needs non-negative shares that add up to more than 0")
    weights /= weights.sum()
    rng = np.random.default_rng(seed)
    prof_codes = [p[0] for p in _PROFESSIONS]
    prof_weights = np.array([p[1] for p in _PROFESSIONS])
    prof_weights /= prof_weights.sum()
    slots = [s for s, _ in _SLOT_POOL]
    slot_weights = np.array([w for _, w in _SLOT_POOL])
    slot_weights /= slot_weights.sum()
    topic_keys = [t[0] for t in TOPICS]
    by_country = {c: [e for e in _EMPLOYERS if e.country == c] for c in ("SE", "DK")}
    seen_emails: set[str] = set()
    cohort: list[Applicant] = []
    for _ in range(n):
        lang = langs[int(rng.choice(len(langs), p=weights))]
        first_names, last_names = _NAMES[lang]
        first, last = _pick(rng, first_names), _pick(rng, last_names)
        country = "DK" if lang == "da" else ("SE" if lang == "sv" or rng.random() < 0.7 else "DK")
        employer = by_country[country][int(rng.integers(len(by_country[country])))]
        profession = prof_codes[int(rng.choice(len(prof_codes), p=prof_weights))]
        expertise = list(_EXPERTISE[profession])
        offers = [str(k) for k in rng.permutation(expertise)[:2]]
        wanted = [k for k in topic_keys if k not in offers]
        hopes = [str(k) for k in rng.permutation(wanted)[:2]]
        hope_t, offer_t = _TEMPLATES[lang]
        base = f"{_ascii(first)}.{_ascii(last)}"
        email, k = f"{base}@{domain}", 1
        while email in seen_emails:
            k += 1
            email = f"{base}{k}@{domain}"
        seen_emails.add(email)
        n_slots = int(rng.integers(2, 5))
        chosen = rng.choice(len(slots), size=n_slots, replace=False, p=slot_weights)
        spoken = {"sv": ("sv", "en"), "da": ("da", "en"), "en": ("en",)}[lang]
        if lang != "en" and rng.random() < 0.3:
            spoken = (*spoken, "da" if lang == "sv" else "sv")
        seniority = SENIORITY_LEVELS[int(rng.choice(4, p=[0.2, 0.4, 0.3, 0.1]))]
        cohort.append(
            Applicant(
                name=f"{first} {last}",
                email=email,
                profession=profession,
                industry=employer.industry,
                employer=_pick(rng, employer.names),
                region=_pick(rng, employer.regions),
                seniority=seniority,
                languages=spoken,
                hopes=_sentence(rng, hope_t, *(_topic_phrase(h, lang) for h in hopes)),
                offers=_sentence(rng, offer_t, *(_topic_phrase(o, lang) for o in offers)),
                availability=frozenset(slots[int(i)] for i in chosen),
            )
        )
    return cohort


def _form_rows(applicants: Sequence[Applicant], lang: str) -> list[list[str]]:
    from natverk.taxonomy import industry, region

    start = dt.datetime(2027, 1, 10, 9, 0, tzinfo=dt.UTC)
    rows = []
    for i, a in enumerate(applicants):
        employer = next(e for e in _EMPLOYERS if a.employer in e.names)
        stamp = start + dt.timedelta(minutes=37 * i)
        rows.append(
            [
                stamp.strftime("%Y-%m-%d %H:%M:%S"),
                a.email,
                a.name,
                profession_title(a.profession, lang),
                employer.industry_word if lang != "en" else industry(a.industry).label("en"),
                a.employer,
                region(a.region).label(lang),
                a.hopes,
                a.offers,
                ", ".join(
                    slot_label(s, lang).capitalize()
                    for s in sorted(a.availability, key=SLOTS.index)
                ),
            ]
        )
    return rows


def write_form_csv(applicants: Sequence[Applicant], path: Path, *, lang: str = "sv") -> None:
    """Write applicants as a Google-Forms-style CSV export (UTF-8, comma, headers in
    ``lang``): what a network leader downloads and gives to ``natverk match``."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FORM_HEADERS[lang])
        writer.writerows(_form_rows(applicants, lang))


def write_form_xlsx(applicants: Sequence[Applicant], path: Path, *, lang: str = "sv") -> None:
    """Write applicants as a Microsoft-Forms-style XLSX export (one sheet, headers)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Svar" if lang == "sv" else "Sheet1"
    sheet.append(list(FORM_HEADERS[lang]))
    for row in _form_rows(applicants, lang):
        sheet.append(row)
    book.save(path)
