"""UI texts of the wijk page's sections (nl, en); merged into domain.texts."""

TEXTS: dict[str, tuple[str, str]] = {
    "wijk.more": ("Meer tonen (nog {hidden} verborgen)", "Show more ({hidden} hidden)"),
}
