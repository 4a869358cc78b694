"""Program URLs: leaders under /o/<slug>/programs/, applicants under /apply/<token>/."""

from django.urls import path

from natverk.programs.views import apply, groups, program, runs

app_name = "programs"

P = "o/<slug:slug>/programs/<int:program_id>/"

urlpatterns = [
    path("o/<slug:slug>/programs/", program.program_list, name="list"),
    path(P, program.program_detail, name="detail"),
    path(P + "open/", program.open_intake, name="open"),
    path(P + "applications/<int:application_id>/", program.application_detail, name="application"),
    path(
        P + "applications/<int:application_id>/status/",
        program.application_status,
        name="application_status",
    ),
    path(P + "runs/", runs.start_run, name="start_run"),
    path(P + "runs/<int:run_id>/", runs.run_detail, name="run"),
    path(P + "runs/<int:run_id>/retry/", runs.retry_run, name="retry_run"),
    path(P + "runs/<int:run_id>/use/", runs.use_run, name="use_run"),
    path(P + "groups/", groups.group_editor, name="groups"),
    path(P + "groups/preview/", groups.preview_change, name="preview"),
    path(P + "groups/change/", groups.apply_change, name="change"),
    path(P + "groups/<int:group_id>/lock/", groups.lock_group, name="lock"),
    path(P + "groups/<int:group_id>/video/", groups.video_link, name="video"),
    path(P + "questions/", program.add_question, name="add_question"),
    path(P + "questions/<int:question_id>/", program.question, name="question"),
    path(P + "edit/", program.program_edit, name="edit"),
    path(P + "delete/", program.program_delete, name="delete"),
    path(P + "mail/", program.mail_log, name="mail_log"),
    path("apply/<uuid:token>/", apply.apply, name="apply"),
]
