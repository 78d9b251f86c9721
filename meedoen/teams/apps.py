from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "meedoen.teams"
    verbose_name = _("Teams")

    def ready(self) -> None:
        from meedoen.teams import hooks  # noqa: F401  (panels, menu items, periodic jobs)
