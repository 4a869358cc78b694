"""Django app configuration for contacts."""

from django.apps import AppConfig


class ContactsConfig(AppConfig):
    """The member's own contacts, follow-ups and give-and-take."""

    name = "natverk.contacts"
    label = "contacts"
    verbose_name = "Contacts"

    def ready(self) -> None:
        """Declare this app's personal data and its weekly digest job."""
        import natverk.contacts.privacy  # noqa: F401
        import natverk.contacts.tasks  # noqa: F401
