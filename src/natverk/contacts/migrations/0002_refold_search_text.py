"""Recompute every contact's ``search_text`` in natverk's one folded form.

The text was case-folded only, so "orsted" did not find "Ørsted" and "asa" did not find
"Åsa". Search now folds stored text and query with ``natverk.language.fold(plain=True)``
(a pure module, safe to import here); the parts searched are copied from
``contacts.models.contact.search_text_of`` as they were when this migration was written,
so later changes to the model code do not change what this migration does.
"""

from typing import Any

from django.db import migrations

from natverk.language import fold

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
    return " ".join(fold(" ".join(p for p in parts if p), plain=True).split())


def refold(apps: Any, schema_editor: Any) -> None:
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
    dependencies = [("contacts", "0001_initial")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop, elidable=True)]
