"""Build the ESCO skills vocabulary shipped in the package from ../shared/taxonomy.

``python -m natverk.language._build ../shared/taxonomy`` writes data/esco_skills.csv:
a short id (the last 8 characters of the ESCO URI) and the English and Swedish labels
of every skill whose labels are at most four words (longer ones never occur verbatim in
what people write). Labels are copied, never rewritten.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

DATA = Path(__file__).with_name("data")


def build(source: Path) -> None:
    """Write data/esco_skills.csv."""
    DATA.mkdir(exist_ok=True)
    with (source / "esco_skills.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for r in rows:
        en, sv = r["label_en"].strip(), r["label_sv"].strip()
        if not en or not sv or len(en.split()) > 4 or len(sv.split()) > 4:
            continue
        out.append([r["esco_uri"].rsplit("/", 1)[-1][:8], en, sv])
    out.sort()
    with (DATA / "esco_skills.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "en", "sv"])
        writer.writerows(out)


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/taxonomy"))
