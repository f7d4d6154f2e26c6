from django.apps import AppConfig


class GraduationConfig(AppConfig):
    name = "hemis.graduation"
    label = "graduation"
