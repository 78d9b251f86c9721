from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "meedoen.messaging"
    verbose_name = _("Messages")

    def ready(self) -> None:
        from meedoen.messaging import hooks  # noqa: F401
