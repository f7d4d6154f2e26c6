from django.apps import AppConfig


class MovementsConfig(AppConfig):
    name = "hemis.movements"
    label = "movements"
