"""Django app configuration for meetings."""

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """Meeting series of groups."""

    name = "natverk.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        """Declare this app's personal data, listen to programs' signals, and declare the
        periodic reminders."""
        import natverk.meetings.privacy  # noqa: F401
        import natverk.meetings.publishing  # noqa: F401
        import natverk.meetings.reminders  # noqa: F401
        import natverk.meetings.tasks  # noqa: F401
