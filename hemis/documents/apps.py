from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "hemis.documents"
    label = "documents"
