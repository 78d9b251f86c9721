"""Staff pages of the messaging room, under /t/<team_slug>/."""

from django.urls import URLPattern, URLResolver, path

from meedoen.messaging import views, views_readability

app_name = "messaging"

urlpatterns: list[URLPattern | URLResolver] = [
    # A failed message, sent again (a meeting's messages pages are in registrations)
    path("berichten/<int:message_id>/opnieuw/", views.message_resend, name="message_resend"),
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
