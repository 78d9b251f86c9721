"""Pages reached from a link in a message, without an account (unsubscribe, RFC 8058)."""

from django.urls import URLPattern, URLResolver, path  # noqa: F401

app_name = "messaging_public"

urlpatterns: list[URLPattern | URLResolver] = []
