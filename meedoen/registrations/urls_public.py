"""Resident pages, under /b/<code>/: the meeting page, a key figure's link, the personal page."""

from django.urls import path

from meedoen.registrations import views_exports
from meedoen.registrations import views_public as views

app_name = "public"

urlpatterns = [
    path("", views.meeting_page, name="meeting"),
    path("via/<slug:token>/", views.meeting_page_via, name="meeting_via"),
    path("aanmelding/<slug:token>/", views.registration_manage, name="registration"),
    path(
        "aanmelding/<slug:token>/afmelden/", views.registration_cancel, name="registration_cancel"
    ),
    path(
        "aanmelding/<slug:token>/verwijderen/",
        views.registration_delete,
        name="registration_delete",
    ),
    path(
        "aanmelding/<slug:token>/agenda.ics",
        views_exports.registration_calendar,
        name="registration_calendar",
    ),
    path("verwijderd/", views.registration_deleted, name="registration_deleted"),
]
