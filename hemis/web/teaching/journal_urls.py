"""Teaching pages (issue 12): filled in by the journal pages."""

urlpatterns: list = []
