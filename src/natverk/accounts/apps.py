"""Django app configuration for accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """People, organisations, roles and member profiles."""

    name = "natverk.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        """Declare this app's personal data to the privacy registry, and its periodic job."""
        import natverk.accounts.jobs  # noqa: F401
        import natverk.accounts.privacy  # noqa: F401
