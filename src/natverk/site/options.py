"""Every setting a deployment may change, declared once: name, default and help.

Each is an environment variable; ``natverk.site.settings`` reads them only through
:func:`env` (and its typed siblings), so a variable that is read is declared here, and
docs/architecture.md's table lists exactly these (tests/site/test_options.py checks
both). No Django here: the declaration is plain data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["OPTIONS", "Option", "env", "env_bool", "env_float", "env_int", "env_list"]


@dataclass(frozen=True)
class Option:
    """One environment variable: its default ("" when unset means off or empty) and what
    it changes."""

    name: str
    default: str
    help: str


OPTIONS: tuple[Option, ...] = (
    Option("NATVERK_DEBUG", "0", "development mode (the Makefile sets 1)"),
    Option(
        "NATVERK_SECRET_KEY",
        "",
        "signing key; required when DEBUG is off, with DEBUG on a random key is kept in "
        "the data directory",
    ),
    Option("NATVERK_DATA_DIR", "./var", "SQLite database, secret key (dev), static and media"),
    Option("DATABASE_URL", "", "e.g. postgres://user:pw@host/db for PostgreSQL; unset: SQLite"),
    Option(
        "NATVERK_DB_PREPARED",
        "1",
        "PostgreSQL: bind parameters on the server and prepare the queries a connection runs "
        "again and again (0 behind pgbouncer older than 1.21 in transaction mode)",
    ),
    Option("NATVERK_ALLOWED_HOSTS", "127.0.0.1,localhost", "host names served"),
    Option("NATVERK_CSRF_TRUSTED_ORIGINS", "", "origins allowed to POST (behind a proxy)"),
    Option("NATVERK_BEHIND_PROXY", "0", "trust X-Forwarded-Proto from the proxy"),
    Option("NATVERK_SSL_REDIRECT", "1", "redirect HTTP to HTTPS when DEBUG is off"),
    Option("NATVERK_HSTS_SECONDS", "31536000", "HSTS max-age when DEBUG is off"),
    Option("NATVERK_HSTS_PRELOAD", "1", "ask browsers to preload HSTS when DEBUG is off"),
    Option(
        "NATVERK_LOGIN_FAILURE_LIMIT",
        "5",
        "failed logins per e-mail and address before a 30-minute lock (HTTP 429)",
    ),
    Option("NATVERK_MAX_IMPORT_BYTES", "10485760", "largest file accepted by importers"),
    Option(
        "NATVERK_EMAIL_BACKEND",
        "django.core.mail.backends.console.EmailBackend",
        "outgoing mail (Django e-mail backend)",
    ),
    Option("NATVERK_FROM_EMAIL", "natverk <noreply@localhost>", "sender of outgoing mail"),
    Option("NATVERK_TIME_ZONE", "Europe/Stockholm", "time zone of the interface"),
    Option(
        "NATVERK_MATCHING_SECONDS",
        "10",
        "seconds a matching run takes (longer finds slightly better groups)",
    ),
    Option(
        "NATVERK_TASK_BACKEND",
        "django_tasks_db.DatabaseBackend",
        "task queue backend (matching runs, e-mails); the tests run tasks at once",
    ),
    Option("NATVERK_LOG_LEVEL", "WARNING", "level of the console log"),
    Option(
        "NATVERK_SITE_URL",
        "http://127.0.0.1:8000",
        "the site's address, for links in mails sent by background jobs",
    ),
    Option(
        "NATVERK_EXPORT_DAYS",
        "7",
        "days a person's data export can be downloaded before the file is deleted",
    ),
    Option("NATVERK_CONFIRMATION_HOURS", "48", "hours an e-mail confirmation link works"),
    Option("NATVERK_INVITATION_DAYS", "14", "days an invitation link works"),
    Option("NATVERK_APPLY_LIMIT_PER_ADDRESS", "5", "applications per e-mail address and hour"),
    Option("NATVERK_APPLY_LIMIT_PER_CLIENT", "30", "applications per client address and hour"),
    Option("NATVERK_RESET_LIMIT_PER_ADDRESS", "3", "password-reset requests per address and hour"),
    Option("NATVERK_RESET_LIMIT_PER_CLIENT", "10", "password-reset requests per client and hour"),
    Option("NATVERK_INVITE_LIMIT_PER_HOUR", "500", "invitations one person may send an hour"),
    Option(
        "NATVERK_CONTACTS_DIGEST",
        "1",
        "the weekly e-mail of contacts due for a follow-up (each member can turn theirs off)",
    ),
)

_DECLARED = {option.name: option for option in OPTIONS}


def env(name: str) -> str:
    """The value of a declared variable: the environment's, or the declared default.

    Raises
    ------
    KeyError
        For a name that is not declared in :data:`OPTIONS` (declare it first).
    """
    return os.environ.get(name, _DECLARED[name].default)


def env_bool(name: str) -> bool:
    """A yes/no variable ("1", "true", "yes", "on" mean yes)."""
    return env(name).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str) -> int:
    """An integer variable."""
    return int(env(name))


def env_float(name: str) -> float:
    """A number variable."""
    return float(env(name))


def env_list(name: str) -> list[str]:
    """A comma-separated variable."""
    return [item.strip() for item in env(name).split(",") if item.strip()]
