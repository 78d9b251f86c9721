"""Production: every secret and address comes from the environment, or the process refuses to
start."""

import os

from django.core.exceptions import ImproperlyConfigured

_REQUIRED = [
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "MEEDOEN_BASE_URL",
    "DEFAULT_FROM_EMAIL",
    "EMAIL_URL",
]
_missing = [name for name in _REQUIRED if not os.environ.get(name)]
if _missing:
    raise ImproperlyConfigured(
        "meedoen.settings.prod needs these environment variables: " + ", ".join(_missing)
    )

from .base import *  # noqa: E402

DEBUG = False
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [MEEDOEN_BASE_URL]
SILENCED_SYSTEM_CHECKS = ["security.W021"]  # HSTS preload is a choice for each municipality.
