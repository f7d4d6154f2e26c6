from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "hemis.exchange"
    label = "exchange"
