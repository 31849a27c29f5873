"""UI texts of the frame (menu, sidebar, data package box) that came with issue 9 (nl, en); merged into
domain.texts."""

TEXTS: dict[str, tuple[str, str]] = {
    # A package has one title, in Dutch; in English the frame says the same in its own words.
    "sidebar.package_title": ("{app} — {subtitle}", "{app} — {subtitle}"),
}
