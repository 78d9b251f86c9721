from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupingConfig(AppConfig):
    name = "meedoen.grouping"
    verbose_name = _("Group division")

    def ready(self) -> None:
        from meedoen.grouping import hooks  # noqa: F401
