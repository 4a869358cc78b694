"""Live facilitation URLs: a meeting's and an event's live tools (leaders), a poll's
screen, the public poll, event and registration pages, a group's talk-time trend."""

from django.urls import path

from natverk.live.views import events, polls, rounds, signup, talk

app_name = "live"

M = "o/<slug:slug>/meetings/<int:meeting_id>/live/"
E = "o/<slug:slug>/events/<int:event_id>/"
Q = "o/<slug:slug>/polls/<int:poll_id>/"

urlpatterns = [
    path(M, talk.hub, name="hub"),
    path(M + "talk/", talk.console, name="console"),
    path(M + "talk/start/", talk.start, name="console_start"),
    path(M + "talk/tap/", talk.tap_view, name="console_tap"),
    path(M + "talk/state/", talk.state, name="console_state"),
    path(M + "talk/stop/", talk.stop, name="console_stop"),
    path(M + "transcript/", talk.transcript, name="transcript"),
    path(M + "transcript/<int:record_id>/", talk.speakers, name="transcript_speakers"),
    path(M + "polls/", polls.owner_polls, name="meeting_polls"),
    path(M + "rounds/", rounds.planner, name="meeting_rounds"),
    path(M + "rounds/<int:number>/held/", rounds.held, name="meeting_round_held"),
    path(M + "rounds/<int:number>/zoom.csv", rounds.zoom_csv, name="meeting_round_zoom"),
    path("o/<slug:slug>/events/", events.events, name="events"),
    path(E, events.event, name="event"),
    path(E + "cancel/", events.cancel, name="event_cancel"),
    path(E + "polls/", polls.owner_polls, name="event_polls"),
    path(E + "rounds/", rounds.planner, name="event_rounds"),
    path(E + "rounds/<int:number>/held/", rounds.held, name="event_round_held"),
    path(E + "rounds/<int:number>/zoom.csv", rounds.zoom_csv, name="event_round_zoom"),
    path(Q, polls.screen, name="poll"),
    path(Q + "results/", polls.screen_results, name="poll_results"),
    path(Q + "state/", polls.change_state, name="poll_state"),
    path("p/<str:code>/", polls.answer, name="answer"),
    path("p/<str:code>/results/", polls.answer_results, name="answer_results"),
    path("p/<str:code>/qr.svg", polls.qr, name="qr"),
    path("e/<uuid:event_token>/", events.register_page, name="register"),
    path("e/r/<uuid:registration_token>/", events.registration, name="registration"),
    path(
        "e/confirm/<str:event_confirm>/", signup.confirm_registration, name="confirm_registration"
    ),
    path("e/r/<uuid:registration_token>/evaluation/", events.evaluation, name="evaluation"),
    path(
        "e/r/<uuid:registration_token>/event.ics",
        events.registration_calendar,
        name="registration_calendar",
    ),
    path(
        "e/r/<uuid:registration_token>/cancel/",
        events.cancel_registration,
        name="registration_cancel",
    ),
    path(
        "o/<slug:slug>/programs/<int:program_id>/groups/<int:group_id>/talk/",
        talk.trend,
        name="trend",
    ),
]
