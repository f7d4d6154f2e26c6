from django.apps import AppConfig


class ClassifiersConfig(AppConfig):
    name = "hemis.classifiers"
    label = "classifiers"
