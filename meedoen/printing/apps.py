from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrintingConfig(AppConfig):
    name = "meedoen.printing"
    verbose_name = _("Printing")

    def ready(self) -> None:
        from meedoen.printing import hooks  # noqa: F401
