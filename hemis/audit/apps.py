from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "hemis.audit"
    label = "audit"
