"""Accounts URLs: login, profile, dashboard and the organisation start page."""

from django.contrib.auth import views as auth_views
from django.urls import path

from natverk.accounts import views

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/profile/", views.profile, name="profile"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("o/<slug:slug>/", views.organisation_dashboard, name="organisation"),
]
