"""UI texts of the vergelijken page (nl, en); merged into domain.texts."""

TEXTS: dict[str, tuple[str, str]] = {}
