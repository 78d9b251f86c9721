"""Staff pages: exports (filled in by views_exports.py)."""

app_name = "exports"

urlpatterns: list = []  # type: ignore[type-arg]
