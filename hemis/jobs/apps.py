from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "hemis.jobs"
    label = "jobs"
