"""Contacts: the member's own relationship tool, private to the member who keeps it.

Contacts come in from files (vCard, LinkedIn, contacts CSV via ``natverk.formats``) and
from the member's groups, all-or-nothing after a preview; they are tended in a triage
queue, with follow-ups, a log and give-and-take, and go out as vCard 4.0 or CSV.
"""
