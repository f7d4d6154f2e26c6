"""Writes of the academic set-up (annex 4), one module per topic; every write is audited."""
