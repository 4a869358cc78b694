"""URL map: the site's pages, the API and the language switch."""

from django.contrib import admin
from django.urls import include, path

from natverk.accounts import views as account_views
from natverk.site.api import api

urlpatterns = [
    path("", account_views.home, name="home"),
    path("", include("natverk.accounts.urls")),
    path("", include("natverk.programs.urls")),
    path("", include("natverk.meetings.urls")),
    path("", include("natverk.pairing.urls")),
    path("", include("natverk.contacts.urls")),
    path("", include("natverk.networks.urls")),
    path("", include("natverk.feedback.urls")),
    path("", include("natverk.privacy.urls")),
    path("", include("natverk.live.urls")),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
