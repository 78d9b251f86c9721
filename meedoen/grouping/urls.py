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
    path("bijeenkomsten/<int:meeting_id>/indeling/voortgang/", views.solve_run, name="run"),
    path(
        "bijeenkomsten/<int:meeting_id>/indeling/stoppen/",
        views.solve_run_cancel,
        name="run_cancel",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/indeling/uit-elkaar/",
        views.apart_add,
        name="apart_add",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/indeling/uit-elkaar/weg/",
        views.apart_remove,
        name="apart_remove",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/indeling/vaste-tafel/",
        views.fixed_set,
        name="fixed_set",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/indeling/vaste-tafel/weg/",
        views.fixed_remove,
        name="fixed_remove",
    ),
]
