"""Django app configuration for meetings."""

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """Meeting series of groups."""

    name = "natverk.meetings"
    label = "meetings"
    verbose_name = "Meetings"
