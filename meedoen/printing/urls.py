"""Staff pages of the printing room, under /t/<team_slug>/."""

from django.urls import URLPattern, URLResolver, path  # noqa: F401

app_name = "printing"

urlpatterns: list[URLPattern | URLResolver] = []
