"""Access rows of the contacts app: a contact, its log and an import belong to the
member who keeps them; everyone else, leaders and administrators included, gets 404."""

from __future__ import annotations

import datetime as dt

from natverk.accounts.models import User
from natverk.contacts import actions
from natverk.contacts.importing import start_records_import
from natverk.formats.contacts_base import ContactRecord, ContactsFile
from tests.site.access import LOGIN, Row, World, everyone, logged_in


def owner_only(status: int) -> dict[str, int]:
    """The member who keeps the contacts; 404 for everyone else, 302 to log in."""
    return everyone(404) | {"anonymous": LOGIN, "member": status}


def populate(world: World) -> None:
    """Two contacts of the demo member, a log entry and a pending import."""
    member = world.people["member"]
    assert isinstance(member, User)
    anna = actions.create_contact(member, ContactRecord(name="Anna Berg", emails=("a@example.se",)))
    other = actions.create_contact(member, ContactRecord(name="A Berg", emails=("a@example.se",)))
    entry = actions.log_interaction(anna, kind="met", on=dt.date(2027, 1, 1))
    found = ContactsFile(kind="vcard", records=[ContactRecord(name="Bo Ek")])
    batch = start_records_import(member, found, "phone.vcf")
    world.values |= {
        "contact_id": anna.pk,
        "other_id": other.pk,
        "entry_id": entry.pk,
        "batch_id": batch.pk,
        "fmt": "vcf",
    }


ROWS: dict[str, Row] = {
    "contacts:list": Row("GET", logged_in(200)),
    "contacts:add": Row("GET", logged_in(200)),
    "contacts:export": Row("GET", logged_in(200)),
    "contacts:triage": Row("GET", logged_in(200)),
    "contacts:due": Row("GET", logged_in(200)),
    "contacts:give_take": Row("GET", logged_in(200)),
    "contacts:duplicates": Row("GET", logged_in(200)),
    "contacts:settings": Row("GET", logged_in(200)),
    "contacts:import": Row("GET", logged_in(200)),
    "contacts:import_group": Row(
        "POST",
        everyone(404) | {"anonymous": LOGIN, "group_member": 302},
        data=lambda world: {"group": str(world.values["group_id"])},
    ),
    "contacts:import_preview": Row("GET", owner_only(200)),
    "contacts:import_apply": Row("POST", owner_only(302)),
    "contacts:import_cancel": Row("POST", owner_only(302)),
    "contacts:import_undo": Row("POST", owner_only(302)),
    "contacts:detail": Row("GET", owner_only(200)),
    "contacts:edit": Row("GET", owner_only(200)),
    "contacts:decide": Row("POST", owner_only(302), data={"status": "keep_warm"}),
    "contacts:follow_up": Row("POST", owner_only(302), data={"cadence": "30", "strength": "1"}),
    "contacts:snooze": Row("POST", owner_only(302), data={"days": "7"}),
    "contacts:log": Row("POST", owner_only(302), data={"kind": "call", "on": "2027-01-02"}),
    "contacts:delete_log": Row("POST", owner_only(302), last=True),
    "contacts:merge": Row("POST", owner_only(302), last=True),
    "contacts:delete": Row("POST", owner_only(302), last=True),
}
