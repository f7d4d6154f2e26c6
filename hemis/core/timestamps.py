"""Unix timestamps, as HEMIS exchanges dates and times (its API and the ministry's layouts)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

TASHKENT = ZoneInfo("Asia/Tashkent")


def unix_timestamp(value: dt.date | dt.datetime | None) -> int | None:
    """A date or a date-time as a UTC Unix timestamp (a date: its midnight in Tashkent; a naive
    date-time: Tashkent time)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            value = value.replace(tzinfo=TASHKENT)
        return int(value.timestamp())
    return int(dt.datetime.combine(value, dt.time(), tzinfo=TASHKENT).timestamp())
