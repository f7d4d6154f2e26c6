from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "hemis.demo"
    label = "demo"
    verbose_name = "Demo university"
