from django.apps import AppConfig


class GradingConfig(AppConfig):
    name = "hemis.grading"
    label = "grading"
