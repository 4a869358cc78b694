"""Django app configuration for periodic jobs."""

from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Periodic jobs and the worker that runs them."""

    name = "natverk.jobs"
    label = "jobs"
    verbose_name = "Jobs"

    def ready(self) -> None:
        """Declare that job rows hold no personal data."""
        import natverk.jobs.privacy  # noqa: F401
