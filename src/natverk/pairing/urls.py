"""Pairing URLs: HR under /o/<slug>/pairing/, colleagues under /pairing/ by signed links."""

from django.urls import path

from natverk.pairing.views import admin, people

app_name = "pairing"

P = "o/<slug:slug>/pairing/<int:pairing_id>/"

urlpatterns = [
    path("o/<slug:slug>/pairing/", admin.program_list, name="list"),
    path(P, admin.program_detail, name="detail"),
    path(P + "edit/", admin.program_edit, name="edit"),
    path(P + "import/", admin.import_people, name="import"),
    path(P + "people/", admin.participants, name="participants"),
    path(P + "rounds/", admin.run_round, name="run_round"),
    path(P + "rounds/<int:round_number>/", admin.round_detail, name="round"),
    path(P + "insights/", admin.insights_page, name="insights"),
    path("pairing/join/<uuid:join_token>/", people.join, name="join"),
    path("pairing/me/<str:participant_token>/", people.me, name="me"),
    path("pairing/checkin/<str:checkin_token>/", people.checkin, name="checkin"),
]
