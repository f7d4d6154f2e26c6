"""Graduation: the clearance sheet (the controlling roles of chapter 3.1.14) and the diploma gate (annex 13 item 9)."""

RULES: dict[str, frozenset[str]] = {}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}
