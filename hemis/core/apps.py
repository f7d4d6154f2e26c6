from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hemis.core"
    label = "core"
