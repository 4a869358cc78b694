"""Django app configuration for programs."""

from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    """Programs, intake, applications, matching runs and groups."""

    name = "natverk.programs"
    label = "programs"
    verbose_name = "Programs"
