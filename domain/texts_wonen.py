"""UI texts of the wonen page (nl, en); merged into domain.texts."""

TEXTS: dict[str, tuple[str, str]] = {}
