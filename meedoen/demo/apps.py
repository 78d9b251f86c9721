from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for development: `meedoen demo`. Sits above every room so it may use them all."""

    name = "meedoen.demo"
    verbose_name = "Demo"
