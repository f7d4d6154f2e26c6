from django.apps import AppConfig


class CurriculaConfig(AppConfig):
    name = "hemis.curricula"
    label = "curricula"
