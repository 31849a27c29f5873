"""The app's languages: Dutch, its users' own and the default everywhere, and English. Any other code reads as
Dutch (domain.format, domain.texts)."""

DUTCH = "nl"
ENGLISH = "en"
LANGUAGES = (DUTCH, ENGLISH)
