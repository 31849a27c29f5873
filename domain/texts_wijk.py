"""UI texts of the wijk page's sections (nl, en); merged into domain.texts."""

TEXTS: dict[str, tuple[str, str]] = {
    "value.partial": ("gedeeltelijk: {share} van de basis bekend", "partial: {share} of the base known"),
    "wijk.outlines_source": ("Grenzen: {source}", "Boundaries: {source}"),
    "wijk.more": ("Meer tonen (nog {hidden} verborgen)", "Show more ({hidden} hidden)"),
}
