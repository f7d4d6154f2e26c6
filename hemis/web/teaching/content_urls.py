"""Teaching pages (issue 12): filled in by the content pages."""

urlpatterns: list = []
