"""WSGI entry point (gunicorn natverk.site.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natverk.site.settings")
application = get_wsgi_application()

from natverk.site.warm import warm_up  # noqa: E402  (after Django is set up)

warm_up()
