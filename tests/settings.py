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
