"""Grading pages: statements (issue 13)."""

urlpatterns: list = []
