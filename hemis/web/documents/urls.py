"""documents pages (issue 14)."""

urlpatterns: list = []
