"""cabinet pages (issue 14)."""
