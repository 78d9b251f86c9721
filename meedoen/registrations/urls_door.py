"""Staff pages: door (filled in by views_door.py)."""

app_name = "door"

urlpatterns: list = []  # type: ignore[type-arg]
