"""Taxonomy benchmark: how often free-text titles and industries find the right code,
and how long loading, lookups and searches take.

Two labelled sets of everyday answers as people type them into a form (sv/da/en):
- tuned: the answers the search's word lists and compound rules were written against
  (in-sample, so its score is an upper bound);
- held_out: answers written down before measuring and not used for tuning.
An answer is right when the best hit is an accepted code or lies below one (a NACE
class under the expected division), and "importable" when it also scores at least 80,
the threshold natverk.formats.applicants uses.

    .venv/bin/python bench/taxonomy.py [--misses]

Job titles (bench/data): ESCO v1.0.8 alternative labels in Swedish and Danish (not
shipped in natverk's index, never used for tuning: job_titles_esco_alt.csv, with the
rule for what was left out in bench/data/README.md) and everyday titles as people write
them in a form, with the accepted codes written down before measuring
(job_titles_everyday.csv; job_titles_written.csv, 233 more titles of the people who join
professional networks, written 2026-11-30 before they were first measured).
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

# Timed before anything imports the data.
_t0 = time.perf_counter()
from natverk import taxonomy as tx  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - _t0

OCCUPATIONS_TUNED: list[tuple[str, set[str]]] = [
    ("Kommunikatör", {"2432"}),
    ("kommunikationsstrateg", {"2432"}),
    ("HR-generalist", {"2423"}),
    ("Rekryterare", {"2423"}),
    ("Redovisningskonsult", {"2411"}),
    ("IT-projektledare", {"2421"}),
    ("Byggingenjör", {"2142"}),
    ("Pressekreterare", {"2432"}),
    ("Webbredaktör", {"2432"}),
    ("UX-designer", {"2166"}),
    ("Produktägare", {"2421"}),
    ("Kommunikationsmedarbejder", {"2432"}),
    ("Cand.merc.", {"2631"}),
    ("Policy advisor", {"2422"}),
    ("Miljöstrateg", {"2133"}),
    ("Lönespecialist", {"2423"}),
    ("VD", {"1120"}),
    ("Enhetschef", {"1219"}),
    ("Informationsansvarig", {"2432"}),
    ("Communications manager", {"1222"}),
]
OCCUPATIONS_HELD_OUT: list[tuple[str, set[str]]] = [
    ("Kommunikationsdirektör", {"1222"}),
    ("HR-konsult", {"2423"}),
    ("Redovisningsekonom", {"2411"}),
    ("Affärsjurist", {"2611"}),
    ("Javautvecklare", {"2512"}),
    ("Frontendutvecklare", {"2512", "2513"}),
    ("IT-säkerhetsspecialist", {"2529"}),
    ("Finansanalytiker", {"2413"}),
    ("Hållbarhetskonsult", {"2133"}),
    ("Kommunikationsansvarig", {"2432"}),
    ("Presschef", {"1222"}),
    ("Internkommunikatör", {"2432"}),
    ("Marknadskoordinator", {"2431"}),
    ("Chefsjurist", {"2611"}),
    ("Ekonomidirektör", {"1211"}),
    ("Personalhandläggare", {"2423"}),
    ("Arbetsmiljöspecialist", {"2263"}),
    ("HR-partner", {"2423"}),
    ("Økonomimedarbejder", {"2411", "4311"}),
    ("Specialkonsulent", {"2422"}),
    ("Udviklingskonsulent", {"2421", "2422"}),
    ("Bogholder", {"4311"}),
    ("Advokatfuldmægtig", {"2611"}),
    ("IT-konsulent", {"2511"}),
    ("Gymnasielærer", {"2330"}),
    ("Presseansvarlig", {"2432"}),
    ("Marketingchef", {"1221"}),
    ("Communications specialist", {"2432"}),
    ("HR advisor", {"2423"}),
    ("Financial controller", {"2411"}),
    ("Data analyst", {"2511", "2120"}),
    ("Business analyst", {"2421", "2511"}),
    ("Legal counsel", {"2611"}),
    ("Policy analyst", {"2422"}),
    ("Procurement specialist", {"2422", "3323"}),
    ("Sustainability manager", {"1213", "2133"}),
    ("Backend developer", {"2512"}),
    ("Change manager", {"2421"}),
]
INDUSTRIES_TUNED: list[tuple[str, set[str]]] = [
    ("Energi", {"35"}),
    ("Retail", {"47"}),
    ("IT-konsult", {"62"}),
    ("Statlig myndighet", {"84"}),
    ("Hotell och restaurang", {"55", "56", "I"}),
    ("Fordonsindustri", {"29"}),
    ("Energisektoren", {"35"}),
    ("Medicinalindustri", {"21"}),
    ("Arkitektkontor", {"71"}),
    ("Ingenjörsbyrå", {"71"}),
    ("E-handel", {"47"}),
    ("Ideell sektor", {"94"}),
]
INDUSTRIES_HELD_OUT: list[tuple[str, set[str]]] = [
    ("Energibolag", {"35"}),
    ("Kraftbolag", {"35"}),
    ("Bank och finans", {"64"}),
    ("Försäkringsbolag", {"65"}),
    ("Statlig förvaltning", {"84"}),
    ("Kommunal verksamhet", {"84"}),
    ("Högre utbildning", {"85"}),
    ("Konsultbolag", {"70", "62", "71"}),
    ("Mediehus", {"58", "60"}),
    ("Telekombolag", {"61"}),
    ("Fastighetsbolag", {"68", "L"}),  # L holds only 68
    ("Byggföretag", {"41", "F"}),
    ("Livsmedelsindustri", {"10"}),
    ("Läkemedelsbolag", {"21"}),
    ("Apotek", {"47.73"}),
    ("Dagligvaror", {"47.11"}),
    ("Arbetsgivarorganisation", {"94.11"}),
    ("Fackförening", {"94.2"}),  # 94.2 holds only 94.20
    ("Energiselskab", {"35"}),
    ("Pengeinstitut", {"64"}),
    ("Forsikringsselskab", {"65"}),
    ("Kommunal forvaltning", {"84"}),
    ("Rådgivningsvirksomhed", {"70"}),
    ("IT-virksomhed", {"62"}),
    ("Medievirksomhed", {"58", "60"}),
    ("Banking", {"64"}),
    ("Insurance company", {"65"}),
    ("Central government", {"84"}),
    ("Local government", {"84"}),
    ("Higher education", {"85"}),
    ("Management consulting", {"70"}),
    ("Telecommunications", {"61"}),
    ("Public administration", {"84"}),
    ("Non-profit", {"94"}),
    ("Utilities", {"35", "36"}),
    ("Logistics", {"52", "49", "H"}),
]


DATA = Path(__file__).with_name("data")


def _titles(name: str, lang: str) -> list[tuple[str, set[str]]]:
    """Job titles of one language from a bench/data file (title, lang, isco: codes
    separated by "|")."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return [
            (row["title"], set(row["isco"].split("|")))
            for row in csv.DictReader(handle)
            if row["lang"] == lang
        ]


def _score(
    cases: Sequence[tuple[str, set[str]]],
    search: Callable[[str], list[tuple[str, tuple[str, ...], float]]],
) -> tuple[int, int, int, list[str]]:
    """Answers given a code on import (score >= 80), right, right and importable."""
    coded = right = importable = 0
    misses: list[str] = []
    for text, accepted in cases:
        found = search(text)
        ok = bool(found) and bool(accepted & set(found[0][1]))
        coded += bool(found) and found[0][2] >= 80
        right += ok
        importable += ok and found[0][2] >= 80
        if not ok:
            misses.append(f"{text} -> {found[0][0] if found else '-'}")
    return coded, right, importable, misses


def _occ(text: str) -> list[tuple[str, tuple[str, ...], float]]:
    return [(o.code, o.path, s) for o, s in tx.search_occupations(text, 1)]


def _ind(text: str) -> list[tuple[str, tuple[str, ...], float]]:
    return [(i.code, i.path, s) for i, s in tx.search_industries(text, 1)]


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main() -> int:
    print(f"import natverk.taxonomy: {IMPORT_SECONDS * 1000:.1f} ms")
    print(f"first occupation() (loads ISCO): {_timed(lambda: tx.occupation('2432')) * 1000:.1f} ms")
    print(f"first industry() (loads NACE): {_timed(lambda: tx.industry('62.01')) * 1000:.1f} ms")
    first = _timed(lambda: tx.search_occupations("kommunikatör"))
    print(f"first search_occupations (builds index): {first * 1000:.1f} ms")
    first = _timed(lambda: tx.search_industries("energi"))
    print(f"first search_industries (builds index): {first * 1000:.1f} ms")
    n = 100_000
    lookup = _timed(lambda: [tx.occupation("2432") for _ in range(n)]) / n
    dist = _timed(lambda: [tx.industry_distance("62.01", "35.11") for _ in range(n)]) / n
    print(f"occupation(code): {lookup * 1e6:.2f} us; industry_distance: {dist * 1e6:.2f} us")
    print()
    print(
        "| set | answers | given a code (score >= 80) | right | right and importable "
        "| median ms/search |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    rows = [
        ("occupations, tuned", OCCUPATIONS_TUNED, _occ),
        ("occupations, held out", OCCUPATIONS_HELD_OUT, _occ),
        ("ESCO alt. labels, sv (held out)", _titles("job_titles_esco_alt.csv", "sv"), _occ),
        ("ESCO alt. labels, da (held out)", _titles("job_titles_esco_alt.csv", "da"), _occ),
        ("everyday titles, sv (held out)", _titles("job_titles_everyday.csv", "sv"), _occ),
        ("everyday titles, da (held out)", _titles("job_titles_everyday.csv", "da"), _occ),
        ("written titles, sv", _titles("job_titles_written.csv", "sv"), _occ),
        ("written titles, da", _titles("job_titles_written.csv", "da"), _occ),
        ("industries, tuned", INDUSTRIES_TUNED, _ind),
        ("industries, held out", INDUSTRIES_HELD_OUT, _ind),
    ]
    all_misses: list[str] = []
    for name, cases, search in rows:
        times = []
        for text, _ in cases:
            start = time.perf_counter()
            search(text)
            times.append(time.perf_counter() - start)
        coded, right, importable, misses = _score(cases, search)
        all_misses += [f"{name}: {m}" for m in misses]
        print(
            f"| {name} | {len(cases)} | {coded} ({coded / len(cases):.0%}) | "
            f"{right} ({right / len(cases):.0%}) | "
            f"{importable} ({importable / len(cases):.0%}) | "
            f"{statistics.median(times) * 1000:.1f} |"
        )
    if "--misses" in sys.argv:
        print()
        print("misses:")
        for miss in all_misses:
            print(f"  {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
