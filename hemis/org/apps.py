from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "hemis.org"
    label = "org"
