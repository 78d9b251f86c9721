from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "meedoen.registrations"
    verbose_name = _("Registrations")

    def ready(self) -> None:
        from meedoen.registrations import hooks  # noqa: F401  (menu, dashboard panel, audit)
