"""Django app configuration for the outbox."""

from django.apps import AppConfig


class OutboxConfig(AppConfig):
    """Outgoing e-mail: queue, delivery with retries, and the sent log."""

    name = "natverk.outbox"
    label = "outbox"
    verbose_name = "Outbox"

    def ready(self) -> None:
        """Declare the outbox's personal data and its periodic delivery sweep."""
        import natverk.outbox.privacy  # noqa: F401
        import natverk.outbox.tasks  # noqa: F401
