"""Teaching pages (issue 12): filled in by the department pages."""

urlpatterns: list = []
