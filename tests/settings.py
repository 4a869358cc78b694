"""Test settings: the real settings with fast password hashing and a throwaway data dir."""

import os
import tempfile

os.environ.setdefault("NATVERK_SECRET_KEY", "test-" + "x7Gq2pLm9vRt4wZs8kNb3hYc6jDf1aUe5oIi0" * 2)
os.environ.setdefault("NATVERK_DATA_DIR", tempfile.mkdtemp(prefix="natverk-test-"))

from natverk.site.settings import *  # noqa: E402, F403

DEBUG = False
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
NATVERK_MATCHING_SECONDS = 1.0
# Tests render pages without running collectstatic first (natverk serve does that).
STORAGES = STORAGES | {  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
}
WHITENOISE_USE_FINDERS = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not shared-cache memory: several threads then write as in production (WAL,
    # IMMEDIATE transactions that wait for each other) instead of failing "table is locked".
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(os.environ["NATVERK_DATA_DIR"], "test.sqlite3")
    }
if os.environ.get("NATVERK_TEST_USE_DATABASE"):
    # A process started by a test (a real worker) works on that test's database.
    DATABASES["default"]["NAME"] = os.environ["NATVERK_TEST_USE_DATABASE"]  # noqa: F405
