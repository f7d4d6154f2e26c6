from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "hemis.web"
    label = "web"
