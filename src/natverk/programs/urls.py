"""Program URLs: leaders under /o/<slug>/programs/, applicants under /apply/<token>/."""

from django.urls import path

from natverk.programs import views

app_name = "programs"

P = "o/<slug:slug>/programs/<int:program_id>/"

urlpatterns = [
    path("o/<slug:slug>/programs/", views.program_list, name="list"),
    path(P, views.program_detail, name="detail"),
    path(P + "open/", views.open_intake, name="open"),
    path(P + "applications/<int:application_id>/", views.application_detail, name="application"),
    path(
        P + "applications/<int:application_id>/status/",
        views.application_status,
        name="application_status",
    ),
    path(P + "runs/", views.start_run, name="start_run"),
    path(P + "runs/<int:run_id>/", views.run_detail, name="run"),
    path(P + "groups/", views.group_editor, name="groups"),
    path(P + "groups/preview/", views.preview_change, name="preview"),
    path(P + "groups/change/", views.apply_change, name="change"),
    path(P + "groups/<int:group_id>/lock/", views.lock_group, name="lock"),
    path(P + "groups/<int:group_id>/video/", views.video_link, name="video"),
    path(P + "questions/", views.add_question, name="add_question"),
    path(P + "publish/", views.publish, name="publish"),
    path("apply/<uuid:token>/", views.apply, name="apply"),
]
