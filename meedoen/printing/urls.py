"""Staff pages of the printing room, under /t/<team_slug>/."""

from django.urls import path

from meedoen.printing import views

app_name = "printing"

urlpatterns = [
    path("bijeenkomsten/<int:meeting_id>/afdrukken/", views.print_page, name="print"),
    path("bijeenkomsten/<int:meeting_id>/afdrukken/pdf/", views.print_document, name="document"),
    path(
        "bijeenkomsten/<int:meeting_id>/afdrukken/voorbeeld/", views.print_preview, name="preview"
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/afdrukken/opdrachten/<int:print_run_id>/",
        views.print_run,
        name="run",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/afdrukken/opdrachten/<int:print_run_id>/pdf/",
        views.print_run_download,
        name="run_download",
    ),
]
