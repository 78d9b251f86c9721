"""Staff pages of the messaging room, under /t/<team_slug>/."""

from django.urls import URLPattern, URLResolver, path

from meedoen.messaging import views_readability

app_name = "messaging"

urlpatterns: list[URLPattern | URLResolver] = [
    path("leesbaarheid/", views_readability.readability_check_partial, name="readability_check"),
]
