"""Django app configuration for privacy."""

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Consent, export, erasure, retention and the audit trail."""

    name = "natverk.privacy"
    label = "privacy"
    verbose_name = "Privacy"
