"""Top-level URLs: staff pages under /t/<team-slug>/, resident pages under /b/<meeting-code>/."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from meedoen.meetings import views as meeting_views
from meedoen.teams import views as team_views

urlpatterns = [
    path("", include("meedoen.teams.urls")),
    # Each room's staff pages live under the team: /t/<team_slug>/…
    path("t/<slug:team_slug>/", include("meedoen.plans.urls")),
    path("t/<slug:team_slug>/", include("meedoen.meetings.urls")),
    path("t/<slug:team_slug>/", include("meedoen.registrations.urls")),
    path("t/<slug:team_slug>/", include("meedoen.registrations.urls_door")),
    path("t/<slug:team_slug>/", include("meedoen.registrations.urls_exports")),
    path("t/<slug:team_slug>/", include("meedoen.registrations.urls_messages")),
    path("t/<slug:team_slug>/", include("meedoen.grouping.urls")),
    path("t/<slug:team_slug>/", include("meedoen.messaging.urls")),
    path("t/<slug:team_slug>/", include("meedoen.printing.urls")),
    # Resident pages (no account): /b/<meeting-code>/…
    path("b/<slug:code>/", include("meedoen.registrations.urls_public")),
    # Unsubscribing and RFC 8058 one-click, from a link in a message (no account)
    path("", include("meedoen.messaging.urls_public")),
    path("agenda/<str:token>.ics", meeting_views.calendar_feed, name="meeting_calendar_feed"),
    path("healthz", team_views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
