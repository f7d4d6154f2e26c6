"""Documents (annex 13 item 6): a student requests and downloads their own; anyone may verify a document by its number."""

RULES: dict[str, frozenset[str]] = {}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}
