"""Staff pages of the messaging room, under /t/<team_slug>/."""

from django.urls import URLPattern, URLResolver, path  # noqa: F401

app_name = "messaging"

urlpatterns: list[URLPattern | URLResolver] = []
