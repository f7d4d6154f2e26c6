from django.apps import AppConfig


class ElectivesConfig(AppConfig):
    name = "hemis.electives"
    label = "electives"
