"""Staff pages of a meeting's messages and its call list, under /t/<team_slug>/. The paths
are those of the messages pages; the team's texts, settings and contacts are messaging's."""

from django.urls import URLPattern, URLResolver, path

from meedoen.registrations import views_messages as views

app_name = "registration_messages"

urlpatterns: list[URLPattern | URLResolver] = [
    path("bijeenkomsten/<int:meeting_id>/berichten/", views.message_list, name="message_list"),
    path(
        "bijeenkomsten/<int:meeting_id>/berichten/versturen/",
        views.message_send,
        name="message_send",
    ),
    path("bijeenkomsten/<int:meeting_id>/berichten/test/", views.message_test, name="message_test"),
    path(
        "bijeenkomsten/<int:meeting_id>/berichten/meenemen/",
        views.practical_note,
        name="practical_note",
    ),
    path("bijeenkomsten/<int:meeting_id>/berichten/bellen/", views.call_list, name="call_list"),
    path("berichten/<int:message_id>/gebeld/", views.call_note, name="call_note"),
]
