"""Development: safe defaults, demo data allowed, mail to the console."""

from .base import *

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-8f2b1c7e5a"  # noqa: S105
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
MEEDOEN_DEMO_ENABLED = True
MEEDOEN_DEMO_PASSWORD = env.str("MEEDOEN_DEMO_PASSWORD", default="meedoen-demo")
if not env.str("EMAIL_URL", default=""):
    # Mail on the console and as .eml files under var/mail/ (see docs/messaging.md).
    EMAIL_BACKEND = "meedoen.messaging.mail.DevMailBackend"
