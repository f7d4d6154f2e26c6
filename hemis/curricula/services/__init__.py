"""Writes on curricula: ``curricula`` (create, approve, return to draft, copy, week schedule) and
``subjects`` (the subjects of a semester with their loads and controls)."""
