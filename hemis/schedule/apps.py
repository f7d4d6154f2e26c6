from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "hemis.schedule"
    label = "schedule"
