"""Django app configuration for feedback."""

from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Anonymous surveys and the insights drawn from them."""

    name = "natverk.feedback"
    label = "feedback"
    verbose_name = "Feedback"

    def ready(self) -> None:
        """Declare personal data, periodic jobs and the exit-survey trigger."""
        import natverk.feedback.privacy  # noqa: F401
        import natverk.feedback.receivers  # noqa: F401
        import natverk.feedback.tasks  # noqa: F401
