"""natverk's Django settings, read from the environment.

Every setting a deployment may change is an environment variable declared once, with
its default and help, in :mod:`natverk.site.options` (docs/architecture.md lists them;
a test keeps the two equal), and read here only through ``env*``. The defaults are
safe: DEBUG is off, and with DEBUG off a missing NATVERK_SECRET_KEY stops the start
instead of running with a guessable key. ``make demo`` sets NATVERK_DEBUG=1.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from natverk.site.options import env, env_bool, env_float, env_int, env_list
from natverk.site.stamp import code_stamp

# Lets annotations such as ModelAdmin[User] and ModelForm[Profile] work at run time.
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("NATVERK_DEBUG")
DATA_DIR = Path(env("NATVERK_DATA_DIR")).resolve()


def _secret_key() -> str:
    key = env("NATVERK_SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set NATVERK_SECRET_KEY (50+ random characters) or NATVERK_DEBUG=1 for development."
        )
    # Development: a random key kept in the data directory so sessions survive restarts.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("NATVERK_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("NATVERK_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "natverk.accounts",
    "natverk.jobs",
    "natverk.outbox",
    "natverk.programs",
    "natverk.meetings",
    "natverk.pairing",
    "natverk.contacts",
    "natverk.networks",
    "natverk.feedback",
    "natverk.privacy",
    "natverk.live",
]

# Background work (matching runs) goes through a real task queue kept in the database,
# so queued runs survive a restart; `natverk db_worker` runs them.
TASKS = {
    "default": {
        "BACKEND": env("NATVERK_TASK_BACKEND"),
        "QUEUES": ["default"],
    }
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "natverk.site.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "natverk.site.uploads.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "natverk.accounts.middleware.NoStoreForLoggedInMiddleware",
    "natverk.privacy.middleware.NewNoticeMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "natverk.site.urls"
WSGI_APPLICATION = "natverk.site.wsgi.application"
ASGI_APPLICATION = "natverk.site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "libraries": {"natverk_forms": "natverk.site.form_fields"},
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite in the data directory by default (WAL, durable commits, writers wait
# for each other instead of failing), PostgreSQL or another server through DATABASE_URL.
if env("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL"), conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
        "NATVERK_DB_PREPARED"
    ):
        # PostgreSQL spent two thirds of a page's time planning its queries anew: bound on
        # the server, a query a connection runs again and again is prepared and planned once.
        DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 2}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "natverk.sqlite3"),
            # Keep the connection between requests: opening one (and its PRAGMAs and
            # functions) cost a web worker more than serving a page's queries.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 10,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login rate limit (django-axes): 5 failed attempts per username and address lock that
# combination for 30 minutes; the next attempt answers 429.
AXES_FAILURE_LIMIT = env_int("NATVERK_LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# The login form posts the e-mail in the "username" field (Django's AuthenticationForm);
# the counter is keyed by the address in lower case, like every stored address.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "natverk.accounts.fields.axes_username"

#: Hours an e-mail confirmation link works; days an invitation link works.
NATVERK_CONFIRMATION_HOURS = env_int("NATVERK_CONFIRMATION_HOURS")
NATVERK_INVITATION_DAYS = env_int("NATVERK_INVITATION_DAYS")
# Public forms are limited per hour, per e-mail address and per client address (429
# beyond): applications, password-reset requests, and invitations per inviter.
NATVERK_APPLY_LIMIT_PER_ADDRESS = env_int("NATVERK_APPLY_LIMIT_PER_ADDRESS")
NATVERK_APPLY_LIMIT_PER_CLIENT = env_int("NATVERK_APPLY_LIMIT_PER_CLIENT")
NATVERK_RESET_LIMIT_PER_ADDRESS = env_int("NATVERK_RESET_LIMIT_PER_ADDRESS")
NATVERK_RESET_LIMIT_PER_CLIENT = env_int("NATVERK_RESET_LIMIT_PER_CLIENT")
NATVERK_INVITE_LIMIT_PER_HOUR = env_int("NATVERK_INVITE_LIMIT_PER_HOUR")

# Languages: Swedish by default, Danish and English; the browser's choice wins until the
# person picks one, which is then remembered on their account.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env("NATVERK_TIME_ZONE")
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from here after collectstatic
# Production (DEBUG off): `natverk serve` runs collectstatic, which names every file by its
# hash and writes gzip and brotli copies; whitenoise serves them from memory with a
# far-future cache header. Development serves the source files as they change.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "media"

# Caches. "default" is each process's memory (rate-limit counters, short-lived figures).
# "derived" holds what is computed from data and named by a digest of that data (a
# program's affinity model, a group's calendar file): files in the data directory, so
# every web worker on the machine reuses what one of them built; never stale, since other
# data gives another name, and other code another key prefix (natverk.site.stamp).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "derived": {
        "BACKEND": "natverk.site.filecache.DerivedFileCache",
        "LOCATION": str(DATA_DIR / "cache"),
        "TIMEOUT": 6 * 3600,
        "KEY_PREFIX": code_stamp(),
        "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 4},
    },
}

# Uploads: Django's DoS caps, plus natverk's own cap on uploaded files, checked before the
# body is read (natverk.site.uploads).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
#: Seconds a matching run searches (longer finds slightly better groups).
NATVERK_MATCHING_SECONDS = env_float("NATVERK_MATCHING_SECONDS")
NATVERK_MAX_IMPORT_BYTES = env_int("NATVERK_MAX_IMPORT_BYTES")
#: The site's address, for links in e-mails sent by background jobs.
NATVERK_SITE_URL = env("NATVERK_SITE_URL")
#: Days a person's data export can be downloaded before the file is deleted.
NATVERK_EXPORT_DAYS = env_int("NATVERK_EXPORT_DAYS")
#: The weekly e-mail of contacts due for a follow-up (each member can turn theirs off).
NATVERK_CONTACTS_DIGEST = env_bool("NATVERK_CONTACTS_DIGEST")

EMAIL_BACKEND = env("NATVERK_EMAIL_BACKEND")
DEFAULT_FROM_EMAIL = env("NATVERK_FROM_EMAIL")

# Security headers; the HTTPS ones apply when DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("NATVERK_SSL_REDIRECT")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("NATVERK_HSTS_SECONDS")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("NATVERK_HSTS_PRELOAD")
    if env_bool("NATVERK_BEHIND_PROXY"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("NATVERK_LOG_LEVEL")},
}
