"""Writes of the org app, one module a topic; the structure's functions are re-exported here."""

from hemis.org.services.structure import close_unit, create_unit, move_unit, rename_unit

__all__ = ["close_unit", "create_unit", "move_unit", "rename_unit"]
