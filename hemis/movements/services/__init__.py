"""Writes of the movements app, one module a topic: student orders and their movements (``orders``),
the students admission creates (``admission``), the Excel import of admitted people
(``admission_import``). The order services are re-exported here."""

from hemis.movements.services.orders import (
    add_item,
    apply_order,
    delete_order,
    prepare_order,
    prepare_reversal,
    remove_item,
    reversal_refusal,
    update_order,
)

__all__ = [
    "add_item",
    "apply_order",
    "delete_order",
    "prepare_order",
    "prepare_reversal",
    "remove_item",
    "reversal_refusal",
    "update_order",
]
