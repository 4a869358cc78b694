"""Accounts URLs: login, password, account, dashboard, members and invitations."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from natverk.accounts.views import account, core, invitations, organisation, photo

app_name = "accounts"

ORG = "o/<slug:slug>/"

urlpatterns = [
    path("accounts/login/", core.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/profile/", core.profile, name="profile"),
    path("accounts/profile/photo/", photo.change_photo, name="change_photo"),
    path("accounts/profile/photo/<str:version>/", photo.own_photo, name="own_photo"),
    path("accounts/account/", account.account, name="account"),
    path("accounts/email/<str:email_token>/", account.email_confirm, name="email_confirm"),
    path("accounts/pause-emails/", account.pause_mail, name="pause_mail"),
    path("accounts/sign-out-everywhere/", account.sign_out_everywhere, name="sign_out_everywhere"),
    path("accounts/password/reset/", account.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "accounts/password/change/",
        account.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:account")),
        name="password_change",
    ),
    path("invitations/<str:invitation_token>/", invitations.accept, name="invitation"),
    path("dashboard/", core.dashboard, name="dashboard"),
    path(ORG, core.organisation_dashboard, name="organisation"),
    path(ORG + "members/", organisation.members, name="members"),
    path(ORG + "members/<int:membership_id>/role/", organisation.member_role, name="member_role"),
    path(
        ORG + "members/<int:membership_id>/remove/",
        organisation.member_remove,
        name="member_remove",
    ),
    path(ORG + "invitations/", invitations.invitation_list, name="invitations"),
    path(
        ORG + "invitations/<int:invitation_id>/resend/",
        invitations.invitation_resend,
        name="invitation_resend",
    ),
    path(
        ORG + "invitations/<int:invitation_id>/revoke/",
        invitations.invitation_revoke,
        name="invitation_revoke",
    ),
]
