"""Electives (annex 13 item 3): the dean's office opens selection windows and offers for its faculty; a student chooses for themselves."""

RULES: dict[str, frozenset[str]] = {}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}
