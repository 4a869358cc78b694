"""Django app configuration for privacy."""

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Consent, export, erasure, retention and the audit trail."""

    name = "natverk.privacy"
    label = "privacy"
    verbose_name = "Privacy"

    def ready(self) -> None:
        """Register privacy's own data and rules, its periodic jobs and login hooks."""
        import natverk.privacy.privacy  # noqa: F401
        import natverk.privacy.retention  # noqa: F401
        import natverk.privacy.signals  # noqa: F401
        import natverk.privacy.tasks  # noqa: F401
