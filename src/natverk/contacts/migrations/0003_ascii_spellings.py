"""Recompute every contact's ``search_text`` with a second line of ASCII spellings.

Search found "Bæk" from "Bæk", "bak" and "BÆK", but not from "Baek", nor
"Søren" from "Soeren" or "Århus" from "Aarhus": the way these letters are written on an
English keyboard. The stored text now holds the folded text and, when it differs, the
same with ae, oe, aa and ue as one letter (``natverk.language.ascii_spelled``, a pure
module, safe to import here). The parts searched are copied from
``contacts.models.contact.search_text_of`` as they were when this migration was written,
so later changes to the model code do not change what this migration does.
"""

from typing import Any

from django.db import migrations

from natverk.language import ascii_spelled, fold

BATCH = 1000


def search_text(contact: Any) -> str:
    parts = [
        contact.name,
        contact.company,
        contact.title,
        contact.how_we_met,
        " ".join(contact.emails),
        " ".join(contact.phones),
        contact.linkedin_url,
    ]
    folded = " ".join(fold(" ".join(p for p in parts if p), plain=True).split())
    spelled = ascii_spelled(folded)
    return folded if spelled == folded else f"{folded}\n{spelled}"


def respell(apps: Any, schema_editor: Any) -> None:
    """In batches by primary key (no cursor stays open while rows are written, which
    SQLite does not isolate)."""
    Contact = apps.get_model("contacts", "Contact")
    fields = ("name", "company", "title", "how_we_met", "emails", "phones", "linkedin_url")
    last = 0
    while True:
        batch = list(
            Contact.objects.filter(pk__gt=last).order_by("pk").only("search_text", *fields)[:BATCH]
        )
        if not batch:
            return
        last = batch[-1].pk
        changed = []
        for contact in batch:
            text = search_text(contact)
            if text != contact.search_text:
                contact.search_text = text
                changed.append(contact)
        Contact.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("contacts", "0002_refold_search_text")]

    operations = [migrations.RunPython(respell, migrations.RunPython.noop, elidable=True)]
