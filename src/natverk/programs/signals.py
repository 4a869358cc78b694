"""Signals of programs, for the apps above it (programs never imports them).

``placement_withdrawn`` is sent, inside the transaction, when a member who was told
about a group loses that place (declined, waitlisted, left): the meetings app sends
them the cancellation of the group's meetings.
"""

from django.dispatch import Signal

#: Arguments: ``application`` (Application) and ``group`` (Group) they were told about.
placement_withdrawn = Signal()
