"""Staff pages of the registrations room, under /t/<team_slug>/."""

from django.urls import path

from meedoen.registrations import views

app_name = "registrations"

urlpatterns = [
    path(
        "bijeenkomsten/<int:meeting_id>/aanmeldingen/",
        views.registration_list,
        name="registration_list",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/aanmeldingen/nieuw/",
        views.registration_entry,
        name="registration_entry",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/aanmeldformulier/",
        views.registration_settings,
        name="registration_settings",
    ),
    path(
        "aanmeldingen/<int:registration_id>/",
        views.registration_detail,
        name="registration_detail",
    ),
    path(
        "aanmeldingen/<int:registration_id>/annuleren/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path("netwerk/", views.network, name="network"),
    path("netwerk/sleutelfiguren/nieuw/", views.key_figure_create, name="key_figure_create"),
    path(
        "netwerk/sleutelfiguren/<int:key_figure_id>/",
        views.key_figure_detail,
        name="key_figure_detail",
    ),
    path("netwerk/plekken/nieuw/", views.network_place_create, name="network_place_create"),
]
