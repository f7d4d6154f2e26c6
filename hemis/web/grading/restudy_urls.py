"""Grading pages: restudy (issue 13)."""

urlpatterns: list = []
