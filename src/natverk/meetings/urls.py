"""Meeting URLs: the leader's series pages under the program, a meeting's pages under
``o/<slug>/meetings/<id>/`` (its members and the leaders), the run view below it."""

from django.urls import path

from natverk.meetings.views import agenda, meeting, notes, run, series

app_name = "meetings"

P = "o/<slug:slug>/programs/<int:program_id>/"
M = "o/<slug:slug>/meetings/<int:meeting_id>/"

urlpatterns = [
    path("o/<slug:slug>/groups/<int:group_id>/calendar.ics", series.calendar, name="calendar"),
    path(P + "publish/", series.publish, name="publish"),
    path(P + "meetings/", series.series, name="series"),
    path(P + "meetings/<int:meeting_id>/move/", series.move, name="move"),
    path(P + "meetings/<int:meeting_id>/cancel/", series.cancel, name="cancel"),
    path(P + "groups/<int:group_id>/meetings/add/", series.add, name="add"),
    path(P + "participation/", series.participation, name="participation"),
    path(P + "agendas/", agenda.templates, name="templates"),
    path(P + "agendas/<int:template_id>/", agenda.template, name="template"),
    path(M, meeting.meeting, name="meeting"),
    path(M + "format/", meeting.held_as, name="format"),
    path(M + "theme/", meeting.theme, name="theme"),
    path(M + "themes/", meeting.propose, name="propose"),
    path(M + "themes/<int:proposal_id>/vote/", meeting.vote, name="vote"),
    path(M + "themes/<int:proposal_id>/choose/", meeting.choose, name="choose"),
    path(M + "opening-round/", meeting.opening, name="opening"),
    path(M + "agenda/", agenda.agenda, name="agenda"),
    path(M + "agenda/reset/", agenda.agenda_reset, name="agenda_reset"),
    path(M + "run/", run.run, name="run"),
    path(M + "run/state/", run.run_state_view, name="run_state"),
    path(M + "run/start/", run.start, name="start"),
    path(M + "run/next/", run.next_block, name="next_block"),
    path(M + "run/attendance/", run.attend, name="attend"),
    path(M + "run/turn/next/", run.turn_next, name="turn_next"),
    path(M + "run/turn/", run.turn_start, name="turn_start"),
    path(M + "run/close/", run.close, name="close"),
    path(M + "questions/", run.park, name="park"),
    path(M + "questions/<int:parked_id>/resolve/", run.resolve, name="resolve"),
    path(M + "notes/", notes.notes, name="notes"),
    path(M + "my-notes/", notes.my_notes, name="my_notes"),
    path(M + "actions/", notes.add_action, name="add_action"),
    path(M + "actions/<int:item_id>/done/", notes.action_done, name="action_done"),
    path(M + "summary/", notes.summary, name="summary"),
    path("o/<slug:slug>/private-notes/<int:note_id>/", notes.private_note, name="private_note"),
]
