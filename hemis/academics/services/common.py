"""Small helpers shared by the academic set-up services."""

from collections.abc import Iterable
from typing import Any

from django.db import models

NAMES = ("name_uz", "name_ru", "name_en")


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of ``fields`` for the audit journal's before/after."""
    return {name: getattr(obj, name) for name in fields}


def assign(obj: models.Model, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)
