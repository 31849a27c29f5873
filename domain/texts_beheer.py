"""UI texts of the beheer page (nl, en); merged into domain.texts."""

TEXTS: dict[str, tuple[str, str]] = {}
