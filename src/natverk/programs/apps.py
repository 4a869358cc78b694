"""Django app configuration for programs."""

from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    """Programs, intake, applications, matching runs and groups."""

    name = "natverk.programs"
    label = "programs"
    verbose_name = "Programs"

    def ready(self) -> None:
        """Declare this app's personal data and its periodic jobs."""
        import natverk.programs.jobs  # noqa: F401
        import natverk.programs.privacy  # noqa: F401
        import natverk.programs.tasks  # noqa: F401
