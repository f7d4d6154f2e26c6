from django.apps import AppConfig


class TeachingConfig(AppConfig):
    name = "hemis.teaching"
    label = "teaching"
