"""The student cabinet (annex 13 items 1, 2, 4, 5, 7, 8): a student's own studies, personal data and its correction requests."""

RULES: dict[str, frozenset[str]] = {}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}
