from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "hemis.integrations"
    label = "integrations"
