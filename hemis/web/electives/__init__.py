"""electives pages (issue 14)."""
