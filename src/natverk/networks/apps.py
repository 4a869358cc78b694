"""Django app configuration for networks."""

from django.apps import AppConfig


class NetworksConfig(AppConfig):
    """The member's own networks, inside natverk and outside it, and their review."""

    name = "natverk.networks"
    label = "networks"
    verbose_name = "Networks"

    def ready(self) -> None:
        """Declare this app's personal data and its quarterly reminder job."""
        import natverk.networks.privacy  # noqa: F401
        import natverk.networks.tasks  # noqa: F401
