"""Django app configuration for colleague pairing."""

from django.apps import AppConfig


class PairingConfig(AppConfig):
    """Pairing programs, their people, rounds, meetups and check-ins."""

    name = "natverk.pairing"
    label = "pairing"
    verbose_name = "Pairing"

    def ready(self) -> None:
        """Declare this app's personal data and its periodic rounds."""
        import natverk.pairing.privacy  # noqa: F401
        import natverk.pairing.tasks  # noqa: F401
