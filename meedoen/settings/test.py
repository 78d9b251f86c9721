"""Tests: fast hashing, in-memory mail unless a test points it at a real SMTP server."""

import os

from .base import *

DEBUG = False
SECRET_KEY = "test-only-not-secret-3d9a"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
MEEDOEN_DEMO_ENABLED = True
MEEDOEN_DEMO_PASSWORD = "meedoen-demo"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, so that threads in concurrency tests share one database; one per test run, so
    # that two runs on one machine do not write into each other's database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
AXES_ENABLED = True
# Serve static files straight from the source folders (no collectstatic in tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
