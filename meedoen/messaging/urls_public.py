"""Pages reached from a link in a message, without an account (unsubscribe, RFC 8058)."""

from django.urls import URLPattern, URLResolver, path

from meedoen.messaging import views_public

app_name = "messaging_public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("afmelden/<str:token>/", views_public.unsubscribe, name="unsubscribe"),
]
