from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "hemis.compliance"
    label = "compliance"
