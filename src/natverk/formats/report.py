"""Files `natverk match` writes: groups.csv and a self-contained HTML report.

The report has a card per group (its members, the summary and the reasons behind its
strongest pairs), the score against the upper bound, and a chart of every member's
utility so that nobody is left out unseen. One file, no scripts or downloads: it opens
in any browser and prints. Pure: no Django.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from natverk.formats.output import write_csv, write_text
from natverk.matching.applicant import Applicant
from natverk.matching.explain import GroupExplanation
from natverk.taxonomy import UnknownCodeError, occupation

__all__ = ["write_groups_csv", "write_report"]

_TEXT: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Nätverksgrupper",
        "group": "Grupp",
        "score": "Poäng",
        "bound": "bästa möjliga är högst",
        "within": "inom {g:.1f} % från bästa möjliga",
        "people": "personer",
        "chart": "Varje medlems nytta (medelaffinitet med gruppen)",
        "lowest": "lägst",
        "why": "Varför de här personerna?",
    },
    "da": {
        "title": "Netværksgrupper",
        "group": "Gruppe",
        "score": "Point",
        "bound": "det bedst mulige er højst",
        "within": "inden for {g:.1f} % af det bedst mulige",
        "people": "personer",
        "chart": "Hvert medlems udbytte (gennemsnitlig affinitet med gruppen)",
        "lowest": "lavest",
        "why": "Hvorfor disse personer?",
    },
    "en": {
        "title": "Networking groups",
        "group": "Group",
        "score": "Score",
        "bound": "the best possible is at most",
        "within": "within {g:.1f} % of the best possible",
        "people": "people",
        "chart": "Each member's utility (mean affinity with the group)",
        "lowest": "lowest",
        "why": "Why these people?",
    },
}
_CSV_HEADERS = {
    "sv": ("grupp", "namn", "e-post"),
    "da": ("gruppe", "navn", "e-mail"),
    "en": ("group", "name", "e-mail"),
}
_CSS = """
body { font-family: system-ui, sans-serif; margin: 0; background: #f6f7f9; color: #1d2430; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem; }
.cards { display: grid; gap: .8rem;
  grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
.card { background: #fff; border: 1px solid #dde2ea; border-radius: 10px; padding: 1rem; }
.muted { color: #5b6472; } ul.plain { list-style: none; padding: 0; }
ul.plain li { padding: .25rem 0; border-bottom: 1px solid #dde2ea; }
.chart { width: 100%; height: 200px; background: #fff; border: 1px solid #dde2ea;
  border-radius: 10px; }
meter { width: 50px; } h1 { font-size: 1.5rem; }
@media print { .card { break-inside: avoid; } }
"""
_COLOURS = ("#0b6e4f", "#2f6db5", "#b5562f", "#7a4fb5", "#b59a2f", "#2fa3b5", "#b52f6d", "#4f7a2f")


def write_groups_csv(
    path: Path, applicants: Sequence[Applicant], groups: Sequence[Sequence[int]], lang: str = "sv"
) -> None:
    """groups.csv: one row per person (group number, name, e-mail), UTF-8 with BOM so
    that Excel shows å, ä and ö."""
    write_csv(
        path,
        _CSV_HEADERS.get(lang, _CSV_HEADERS["en"]),
        (
            [number, applicants[k].name, applicants[k].email]
            for number, members in enumerate(groups, start=1)
            for k in members
        ),
    )


def _job(code: str, lang: str) -> str:
    try:
        return occupation(code).label(lang)
    except UnknownCodeError:
        return ""


def _employer(person: Applicant) -> str:
    return " · " + html.escape(person.employer) if person.employer else ""


def _chart(
    utilities: Sequence[float],
    groups: Sequence[Sequence[int]],
    names: Sequence[str],
    lowest_word: str,
) -> str:
    """An inline SVG bar per member, grouped and coloured by group; the lowest marked."""
    order = [
        (g, k)
        for g, members in enumerate(groups)
        for k in sorted(members, key=lambda m: utilities[m])
    ]
    width, gap = 900, 2
    top = max(max(utilities, default=1.0), 1e-9)
    height = 160
    lowest = min(range(len(utilities)), key=lambda k: utilities[k]) if utilities else -1
    parts = [
        f'<svg viewBox="0 0 {width} {height + 30}" role="img" class="chart" '
        f'preserveAspectRatio="none" aria-label="utilities">'
    ]
    step = max(1.0, (width - 10) / max(1, len(order)))
    bar = max(1.0, step - gap)
    for x, (g, k) in enumerate(order):
        h = max(1.0, height * utilities[k] / top)
        colour = _COLOURS[g % len(_COLOURS)]
        parts.append(
            f'<rect x="{5 + x * step:.1f}" y="{height - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
            f'fill="{colour}"><title>{html.escape(names[k])}: {utilities[k]:.2f}</title></rect>'
        )
        if k == lowest:
            parts.append(
                f'<text x="{5 + x * step:.1f}" y="{height + 18}" font-size="12">▲ {lowest_word}: '
                f"{html.escape(names[k])} ({utilities[k]:.2f})</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def write_report(
    path: Path,
    applicants: Sequence[Applicant],
    groups: Sequence[Sequence[int]],
    explanations: Sequence[GroupExplanation],
    utilities: Sequence[float],
    *,
    objective: float,
    upper_bound: float,
    lang: str = "sv",
) -> None:
    """Write the HTML report of a grouping (explanations and utilities from
    :func:`natverk.matching.explain.explain_groups`)."""
    text = _TEXT.get(lang, _TEXT["en"])
    names = [a.name for a in applicants]
    gap = 100.0 * (upper_bound - objective) / abs(upper_bound) if upper_bound else 0.0
    cards = []
    for number, (members, explanation) in enumerate(zip(groups, explanations, strict=True), 1):
        rows = "".join(
            f"<li><strong>{html.escape(applicants[k].name)}</strong>"
            f" <span class=muted>{html.escape(_job(applicants[k].profession, lang))}"
            f"{_employer(applicants[k])}</span>"
            f" <meter min=0 max=3 value='{utilities[k]:.2f}'></meter></li>"
            for k in members
        )
        reasons = "".join(f"<li>{html.escape(p)}</li>" for p in explanation.pairs)
        cards.append(
            f"<section class=card><h2>{text['group']} {number}</h2>"
            f"<p class=muted>{html.escape(explanation.headline)}</p><ul class=plain>{rows}</ul>"
            f"<details><summary>{text['why']}</summary><ul>{reasons}</ul></details></section>"
        )
    document = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{text["title"]}</title>
<style>{_CSS}</style></head><body><main>
<h1>{text["title"]}</h1>
<p><strong>{text["score"]}: {objective:.1f}</strong> · {text["bound"]} {upper_bound:.1f}
({text["within"].format(g=gap)}) · {len(applicants)} {text["people"]}</p>
<h2>{text["chart"]}</h2>
{_chart(utilities, groups, names, text["lowest"])}
<div class=cards>{"".join(cards)}</div>
</main></body></html>
"""
    write_text(path, document)
