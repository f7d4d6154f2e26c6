"""Fast inserts for the large demo tables: rows straight into the table with ``executemany``, skipping
model instances (tens of thousands of them cost seconds). Only for rows that need no returned id."""

import datetime as dt
import json
from collections.abc import Iterable, Sequence

from django.db import connection

CHUNK = 5000


def _adapt(value, ops):
    if isinstance(value, str | int | None):
        return value
    if isinstance(value, dt.datetime):
        return ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return ops.adapt_datefield_value(value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def insert(model, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert ``rows`` (values in the order of ``columns``, the model's column names) into ``model``'s table."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"
    ops = connection.ops
    adapted = [[_adapt(v, ops) for v in row] for row in rows]
    with connection.cursor() as cursor:
        for i in range(0, len(adapted), CHUNK):
            cursor.executemany(sql, adapted[i : i + CHUNK])
    return len(adapted)
