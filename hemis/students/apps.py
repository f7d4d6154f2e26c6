from django.apps import AppConfig


class StudentsConfig(AppConfig):
    name = "hemis.students"
    label = "students"
