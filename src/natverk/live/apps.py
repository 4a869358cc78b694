"""Django app configuration for live facilitation."""

from django.apps import AppConfig


class LiveConfig(AppConfig):
    """Talk time, polls, breakout rounds in the browser, and open themed events."""

    name = "natverk.live"
    label = "live"
    verbose_name = "Live facilitation"

    def ready(self) -> None:
        """Declare this app's personal data, its periodic jobs and its catalogue entries."""
        import natverk.live.privacy  # noqa: F401
        import natverk.live.tasks  # noqa: F401
        from natverk.live.catalogue import event_leaders, event_listings
        from natverk.programs.catalogue import add_source

        add_source(event_listings, event_leaders)
