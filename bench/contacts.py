"""Contacts at 10,000: importing a LinkedIn export, deduplicating, and the contact list.

Sets up a throwaway SQLite database (the default embedded setup), makes a member, and
measures with real files and the real code paths:

- reading a generated 10,000-row LinkedIn Connections.csv (current layout) alone;
- the whole import: read, hold for the preview, plan (deduplicate against what the member
  has), apply (create every contact) - first into an empty account, then the same file
  again into the 10,000 contacts it made (every row merges by its LinkedIn profile);
- finding duplicates among the 10,000 contacts (``contacts.duplicates.find_duplicates``),
  and again as if all of them worked at one employer (the worst case for name blocks);
- the contact list page as the member's browser gets it (Django test client, the median
  of 20 requests): the first page, page 100, a search, the "due now" filter.

    .venv/bin/python bench/contacts.py [--rows 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any

GIVEN = [
    *[
        "Anna",
        "Erik",
        "Maria",
        "Karl",
        "Lena",
        "Lars",
        "Eva",
        "Anders",
        "Karin",
        "Per",
        "Sara",
        "Johan",
        "Emma",
        "Mikael",
        "Ida",
    ],
    *[
        "Jonas",
        "Mette",
        "Søren",
        "Freja",
        "Mads",
        "Sofie",
        "Rasmus",
        "Kirsten",
        "Niels",
        "Ingrid",
        "Ole",
        "Åsa",
        "Björn",
    ],
    *[
        "Märta",
        "Jörgen",
        "Ahmed",
        "Fatima",
        "Li",
        "Wei",
        "Priya",
        "Arjun",
        "James",
        "Olivia",
        "Noah",
        "Liam",
        "Chloe",
        "Lucas",
    ],
]
FAMILY = [
    *[
        "Andersson",
        "Johansson",
        "Karlsson",
        "Nilsson",
        "Eriksson",
        "Larsson",
        "Olsson",
        "Persson",
        "Svensson",
    ],
    *[
        "Gustafsson",
        "Jensen",
        "Nielsen",
        "Hansen",
        "Pedersen",
        "Andersen",
        "Christensen",
        "Larsen",
        "Sørensen",
    ],
    *[
        "Rasmussen",
        "Öberg",
        "Åkesson",
        "Lindqvist",
        "Berg",
        "Ek",
        "Holm",
        "Lund",
        "Khan",
        "Ali",
        "Chen",
        "Wang",
        "Patel",
    ],
    *["Singh", "Smith", "Brown", "Taylor", "Wilson"],
]
TITLES = (
    "Kommunikationschef",
    "HR-partner",
    "Projektledare",
    "Software Engineer",
    "Säljare",
    "Controller",
    "UX Designer",
    "Afdelingsleder",
    "Konsult",
    "Data Scientist",
    "CEO",
)


def linkedin_export(rows: int, seed: int = 2027) -> bytes:
    """A Connections.csv of ``rows`` people: ~800 employers, a few very large ones."""
    rng = random.Random(seed)
    companies = [f"Företag {i} AB" for i in range(800)] + ["Ericsson"] * 150 + ["IKEA"] * 100
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for i in range(rows):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        email = f"{given}.{family}.{i}@example.se".lower() if rng.random() < 0.1 else ""
        month = rng.choice(["Jan", "Apr", "Sep", "Dec"])
        day = f"{rng.randint(1, 28):02d} {month} 20{rng.randint(12, 25)}"
        lines.append(
            f"{given},{family},https://www.linkedin.com/in/{given}-{family}-{i}".lower()
            + f",{email},{rng.choice(companies)},{rng.choice(TITLES)},{day}"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def timed(run: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall-clock and CPU seconds of one call (the machine is shared: CPU is the fairer)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def median(run: Callable[[], Any], times: int = 20) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``times`` calls."""
    samples = [timed(run)[:2] for _ in range(times)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    rows = parser.parse_args().rows
    os.environ.update(
        {
            "NATVERK_DEBUG": "1",
            "NATVERK_DATA_DIR": tempfile.mkdtemp(prefix="natverk-bench-"),
            "NATVERK_ALLOWED_HOSTS": "testserver,localhost",
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natverk.site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from natverk.accounts.models import User
    from natverk.contacts.duplicates import Card, find_duplicates
    from natverk.contacts.importing import apply_import, plan_import, start_import
    from natverk.contacts.models import Contact
    from natverk.formats.linkedin import read_linkedin_connections

    call_command("migrate", verbosity=0)
    owner = User.objects.create_user("bench@example.se", "bench-password-2027", name="Bench")
    data = linkedin_export(rows)
    table: list[tuple[str, float, float, str]] = []

    wall, cpu, found = timed(lambda: read_linkedin_connections(data))
    size = f"{len(found.records)} rows, {len(data) / 1e6:.1f} MB"
    table.append(("read LinkedIn CSV", wall, cpu, size))

    def import_all() -> Any:
        batch = start_import(owner, data, "Connections.csv")
        items = plan_import(batch)
        return apply_import(batch, confirmed={i.index for i in items if i.strong})

    wall, cpu, done = timed(import_all)
    table.append(("import into an empty account", wall, cpu, f"{done.created_count} created"))
    existing = Contact.objects.filter(owner=owner).count()
    wall, cpu, again = timed(import_all)
    merged = f"{again.created_count} created, {again.merged_count} merged"
    table.append((f"import again into {existing} contacts", wall, cpu, merged))

    def cards() -> list[Card]:
        return [
            Card(c.pk, c.name, tuple(c.emails), tuple(c.phones), c.company, c.linkedin_url)
            for c in Contact.objects.filter(owner=owner).order_by("pk")
        ]

    wall, cpu, pairs = timed(lambda: find_duplicates(cards()))
    table.append(("find duplicates (load + compare)", wall, cpu, f"{len(pairs)} pairs"))
    one_employer = [Card(c.key, c.name, c.emails, c.phones, "Ericsson AB", "") for c in cards()]
    wall, cpu, pairs = timed(lambda: find_duplicates(one_employer))
    table.append(("find duplicates, all at one employer", wall, cpu, f"{len(pairs)} pairs"))

    client = Client()
    client.force_login(owner)
    assert client.get("/contacts/").status_code == 200
    for label, url in (
        ("list page 1", "/contacts/"),
        ("list page 100", "/contacts/?page=100"),
        ("list search 'berg ericsson'", "/contacts/?q=berg+ericsson"),
        ("list filter due now", "/contacts/?due=now"),
    ):
        wall, cpu = median(lambda url=url: client.get(url))
        table.append((label + " (median of 20)", wall, cpu, ""))

    print(f"{'step':<44}{'wall s':>8}{'cpu s':>8}  result")
    for label, wall, cpu, result in table:
        print(f"{label:<44}{wall:>8.3f}{cpu:>8.3f}  {result}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
