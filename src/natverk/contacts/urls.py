"""Contact URLs (every page answers only for the member's own contacts)."""

from django.urls import path

from natverk.contacts.views import contacts, importing, tending

app_name = "contacts"

C = "contacts/<int:contact_id>/"

urlpatterns = [
    path("contacts/", contacts.contact_list, name="list"),
    path("contacts/new/", contacts.add, name="add"),
    path("contacts/export.<str:fmt>", contacts.export, name="export"),
    path("contacts/triage/", tending.triage, name="triage"),
    path("contacts/due/", tending.due, name="due"),
    path("contacts/give-and-take/", tending.give_take, name="give_take"),
    path("contacts/duplicates/", tending.duplicates, name="duplicates"),
    path("contacts/settings/", tending.contact_settings, name="settings"),
    path("contacts/import/", importing.start, name="import"),
    path("contacts/import/group/", importing.start_group, name="import_group"),
    path("contacts/import/<int:batch_id>/", importing.preview, name="import_preview"),
    path("contacts/import/<int:batch_id>/apply/", importing.apply, name="import_apply"),
    path("contacts/import/<int:batch_id>/cancel/", importing.cancel, name="import_cancel"),
    path("contacts/import/<int:batch_id>/undo/", importing.undo, name="import_undo"),
    path(C, contacts.detail, name="detail"),
    path(C + "edit/", contacts.edit, name="edit"),
    path(C + "delete/", contacts.delete, name="delete"),
    path(C + "triage/", tending.decide, name="decide"),
    path(C + "follow-up/", tending.follow_up, name="follow_up"),
    path(C + "snooze/", tending.snooze, name="snooze"),
    path(C + "log/", tending.log, name="log"),
    path(C + "log/<int:entry_id>/delete/", tending.delete_log, name="delete_log"),
    path(C + "merge/<int:other_id>/", tending.merge, name="merge"),
]
