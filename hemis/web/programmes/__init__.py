"""Programmes, the subject catalogue and student achievements (issue 5): pages in the "web" namespace."""
