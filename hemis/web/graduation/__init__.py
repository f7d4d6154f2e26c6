"""graduation pages (issue 14)."""
