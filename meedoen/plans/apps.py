from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "meedoen.plans"
    verbose_name = _("Participation plans")

    def ready(self) -> None:
        from meedoen.plans import hooks  # noqa: F401  (menu items, panels, audit sentences)
