from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "hemis.access"
    label = "access"
