"""Staff pages, under /t/<team_slug>/: attendance figures and downloads of a meeting."""

from django.urls import path

from meedoen.registrations import views_exports as views

app_name = "exports"

urlpatterns = [
    path("bijeenkomsten/<int:meeting_id>/export/", views.meeting_export, name="meeting_export"),
    path(
        "bijeenkomsten/<int:meeting_id>/export/aanmeldingen.csv",
        views.registrations_csv,
        name="registrations_csv",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/export/aanmeldingen.xlsx",
        views.registrations_xlsx,
        name="registrations_xlsx",
    ),
]
