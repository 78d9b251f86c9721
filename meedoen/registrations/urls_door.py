"""Staff pages: the door of a meeting, under /t/<team_slug>/."""

from django.urls import path

from meedoen.registrations import views_door

app_name = "door"

urlpatterns = [
    path("bijeenkomsten/<int:meeting_id>/deur/", views_door.door, name="door"),
    path(
        "bijeenkomsten/<int:meeting_id>/deur/binnen/<int:registration_id>/",
        views_door.check_in,
        name="check_in",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/deur/binnenlopers/",
        views_door.walk_in_add,
        name="walk_in_add",
    ),
]
