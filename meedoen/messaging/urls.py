"""Staff pages of the messaging room, under /t/<team_slug>/."""

from django.urls import URLPattern, URLResolver, path

from meedoen.messaging import views, views_readability

app_name = "messaging"

urlpatterns: list[URLPattern | URLResolver] = [
    # A meeting's messages and its call list
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
    path("berichten/<int:message_id>/opnieuw/", views.message_resend, name="message_resend"),
    path("berichten/<int:message_id>/gebeld/", views.call_note, name="call_note"),
    # The team's texts, settings and contacts
    path("berichten/teksten/", views.template_list, name="template_list"),
    path(
        "berichten/teksten/<slug:message_kind>/<slug:message_language>/",
        views.template_edit,
        name="template_edit",
    ),
    path(
        "berichten/teksten/<slug:message_kind>/<slug:message_language>/voorbeeld/",
        views.template_preview,
        name="template_preview",
    ),
    path(
        "berichten/teksten/<slug:message_kind>/<slug:message_language>/standaard/",
        views.template_reset,
        name="template_reset",
    ),
    path("berichten/instellingen/", views.settings_edit, name="settings_edit"),
    path("berichten/contacten/", views.contact_list, name="contact_list"),
    path(
        "berichten/contacten/<int:contact_id>/verwijderen/",
        views.contact_delete,
        name="contact_delete",
    ),
    path(
        "leesbaarheid/",
        views_readability.readability_check_partial,
        name="readability_check",
    ),
]
