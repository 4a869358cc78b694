"""Program URLs: leaders under /o/<slug>/programs/, applicants under /apply/<token>/."""

from django.urls import path

from natverk.programs.views import (
    apply,
    catalogue,
    groups,
    importing,
    member,
    program,
    roster,
    runs,
)

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
    path(P + "applications/import/", importing.import_start, name="import"),
    path(
        P + "applications/import/<int:file_id>/",
        importing.import_columns,
        name="import_columns",
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

# The member side: confirming an application, the group's own space, and the leader's
# follow-up of members and intake invitations.
G = "o/<slug:slug>/groups/<int:group_id>/"
urlpatterns += [
    path("apply/<uuid:token>/change/", apply.apply_change, name="apply_change"),
    path("apply/confirm/<str:confirm_token>/", apply.confirm, name="confirm"),
    path(G, member.group_page, name="group"),
    path(G + "board/", member.post, name="post"),
    path(G + "board/<int:post_id>/hide/", member.hide, name="hide_post"),
    path(G + "sharing/", member.sharing, name="sharing"),
    path(G + "notifications/", member.notifications, name="notifications"),
    path(G + "pause/", member.pause, name="pause"),
    path(G + "leave/", member.leave, name="leave"),
    path("unsubscribe/<str:unsubscribe_token>/", member.unsubscribe, name="unsubscribe"),
    path(P + "followup/", roster.followup, name="followup"),
    path(P + "followup/<int:participation_id>/offer/", roster.offer_place, name="offer_place"),
    path(P + "invite/", roster.invite, name="invite"),
]

# The catalogue of open programs (public or for members, as the organisation chooses) and
# the member's goals in their group.
urlpatterns += [
    path("o/<slug:slug>/catalogue/", catalogue.catalogue_page, name="catalogue"),
    path("o/<slug:slug>/catalogue/<int:program_id>/", catalogue.listing_page, name="listing"),
    path(
        "o/<slug:slug>/catalogue/leaders/<int:user_id>/<str:version>/",
        catalogue.leader_photo,
        name="leader_photo",
    ),
    path(
        "o/<slug:slug>/catalogue/visibility/",
        catalogue.catalogue_visibility,
        name="catalogue_visibility",
    ),
    path(G + "goals/", member.goals, name="goals"),
]
