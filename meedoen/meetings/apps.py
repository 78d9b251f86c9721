from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meedoen.meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from meedoen.meetings import hooks  # noqa: F401  (menu, panels, plan section, audit)
