"""Grading pages: records (issue 13)."""

urlpatterns: list = []
