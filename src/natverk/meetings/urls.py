"""Meeting URLs."""

from django.urls import path

from natverk.meetings import views

app_name = "meetings"

P = "o/<slug:slug>/programs/<int:program_id>/"

urlpatterns = [
    path("o/<slug:slug>/groups/<int:group_id>/calendar.ics", views.calendar, name="calendar"),
    path(P + "publish/", views.publish, name="publish"),
    path(P + "meetings/", views.series, name="series"),
    path(P + "meetings/<int:meeting_id>/move/", views.move, name="move"),
]
