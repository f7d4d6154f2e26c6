from django.apps import AppConfig


class AcademicsConfig(AppConfig):
    name = "hemis.academics"
    label = "academics"
