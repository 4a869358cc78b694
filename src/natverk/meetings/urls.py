"""Meeting URLs."""

from django.urls import path

from natverk.meetings import views

app_name = "meetings"

urlpatterns = [
    path("o/<slug:slug>/groups/<int:group_id>/calendar.ics", views.calendar, name="calendar"),
]
