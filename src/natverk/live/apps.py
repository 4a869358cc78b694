"""Django app configuration for live facilitation."""

from django.apps import AppConfig


class LiveConfig(AppConfig):
    """Talk time, polls, breakout rounds in the browser, and open themed events."""

    name = "natverk.live"
    label = "live"
    verbose_name = "Live facilitation"

    def ready(self) -> None:
        """Declare this app's personal data and its periodic jobs; show measured talk
        time beside the pulse's "did everyone get to speak" on feedback's dashboard, and
        the coming events in the organisation's catalogue."""
        import natverk.live.privacy  # noqa: F401
        import natverk.live.tasks  # noqa: F401
        from natverk.feedback.measured import add_talk_source
        from natverk.live.charts import measured_talk
        from natverk.live.listings import event_listings
        from natverk.programs.catalogue import add_source

        add_talk_source(measured_talk)
        add_source(event_listings)
