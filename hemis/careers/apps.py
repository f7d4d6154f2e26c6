from django.apps import AppConfig


class CareersConfig(AppConfig):
    """Competitive selection (tanlov) of teachers and professional-development (malaka oshirish) records."""

    name = "hemis.careers"
    label = "careers"
