"""Staff pages of the grouping room, under /t/<team_slug>/."""

from django.urls import path

from meedoen.grouping import views

app_name = "grouping"

urlpatterns = [
    path("bijeenkomsten/<int:meeting_id>/indeling/", views.division, name="division"),
    path(
        "bijeenkomsten/<int:meeting_id>/indeling/instellingen/",
        views.division_settings,
        name="settings",
    ),
    path("bijeenkomsten/<int:meeting_id>/indeling/maken/", views.division_solve, name="solve"),
    path("bijeenkomsten/<int:meeting_id>/indeling/verplaatsen/", views.division_move, name="move"),
    path("bijeenkomsten/<int:meeting_id>/indeling/vastzetten/", views.division_lock, name="lock"),
    path(
        "bijeenkomsten/<int:meeting_id>/indeling/inloper/",
        views.walk_in_place,
        name="walk_in_place",
    ),
]
