from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from meedoen.teams import views

app_name = "teams"

team_patterns = [
    path("", views.dashboard, name="dashboard"),
    path("leden/", views.member_list, name="member_list"),
    path("leden/uitnodigen/", views.invitation_create, name="invitation_create"),
    path(
        "leden/uitnodigingen/<int:invitation_id>/intrekken/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("leden/<int:membership_id>/rol/", views.membership_role, name="membership_role"),
    path(
        "leden/<int:membership_id>/verwijderen/",
        views.membership_remove,
        name="membership_remove",
    ),
    path("instellingen/", views.team_settings, name="team_settings"),
    path("logboek/", views.audit_log, name="audit_log"),
]

password_reset_patterns = [
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(
            template_name="teams/password_reset_form.html",
            email_template_name="teams/email/password_reset.txt",
            html_email_template_name="teams/email/password_reset.html",
            subject_template_name="teams/email/password_reset_subject.txt",
            success_url=reverse_lazy("teams:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="teams/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="teams/password_reset_confirm.html",
            success_url=reverse_lazy("teams:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="teams/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "account/wachtwoord/",
        auth_views.PasswordChangeView.as_view(
            template_name="teams/password_change.html",
            success_url=reverse_lazy("teams:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "account/wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(template_name="teams/password_change_done.html"),
        name="password_change_done",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("teams/", views.team_choose, name="team_choose"),
    path("account/", views.account, name="account"),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
    *password_reset_patterns,
    path("t/<slug:team_slug>/", include(team_patterns)),
]
