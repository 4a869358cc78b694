"""Feedback URLs."""

from django.urls import path

from natverk.feedback import views

app_name = "feedback"

P = "o/<slug:slug>/programs/<int:program_id>/feedback/"

urlpatterns = [
    path("feedback/<str:link>/", views.answer, name="answer"),
    path(P, views.program_insights, name="program"),
    path(P + "export.csv", views.program_csv, name="program_csv"),
    path(P + "questions/", views.own_question, name="own_question"),
    path(P + "evaluation/", views.send_evaluation, name="send_evaluation"),
    path("o/<slug:slug>/feedback/", views.organisation_insights, name="organisation"),
    path("o/<slug:slug>/groups/<int:group_id>/feedback/", views.group_results, name="group"),
]
