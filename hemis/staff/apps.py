from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "hemis.staff"
    label = "staff"
