"""Accounts pages, split by concept: core (login, dashboard, profile), account
(password, e-mail, sessions), organisation (members and roles) and invitations."""

from natverk.accounts.views.core import home, set_language

__all__ = ["home", "set_language"]
