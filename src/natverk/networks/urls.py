"""Networks URLs (every page answers only for the member's own networks)."""

from django.urls import path

from natverk.networks import views

app_name = "networks"

N = "networks/<int:network_id>/"

urlpatterns = [
    path("networks/", views.network_list, name="list"),
    path("networks/new/", views.add, name="add"),
    path("networks/settings/", views.network_settings, name="settings"),
    path(N + "edit/", views.edit, name="edit"),
    path(N + "review/", views.review, name="review"),
    path(N + "delete/", views.delete, name="delete"),
]
