"""documents pages (issue 14)."""
