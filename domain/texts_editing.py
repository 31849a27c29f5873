"""Texts of the actions on an entry (confirm, close, reopen, restore) when a colleague changed the entry
since the page was drawn: what was refused, both versions side by side, and the way back."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "edit.action_conflict.bevestigd": (
        "Niet bevestigd: {who} heeft dit item om {time} ({date}) gewijzigd, nadat jij het zag. Vergelijk de "
        "versies, laad opnieuw en bevestig dan opnieuw als het nog klopt.",
        "Not confirmed: {who} changed this entry at {time} ({date}), after you saw it. Compare the versions, "
        "reload, and confirm again if it is still right."),
    "edit.action_conflict.gesloten": (
        "Niet gesloten: {who} heeft dit item om {time} ({date}) gewijzigd, nadat jij het zag. Vergelijk de "
        "versies, laad opnieuw en sluit het dan opnieuw als dat nog klopt.",
        "Not closed: {who} changed this entry at {time} ({date}), after you saw it. Compare the versions, "
        "reload, and close it again if that is still right."),
    "edit.action_conflict.heropend": (
        "Niet heropend: {who} heeft dit item om {time} ({date}) gewijzigd, nadat jij het zag. Vergelijk de "
        "versies, laad opnieuw en heropen het dan opnieuw als dat nog klopt.",
        "Not reopened: {who} changed this entry at {time} ({date}), after you saw it. Compare the versions, "
        "reload, and reopen it again if that is still right."),
    "edit.action_conflict.hersteld": (
        "Niet teruggezet: {who} heeft dit item om {time} ({date}) gewijzigd, nadat jij het zag. Vergelijk de "
        "versies, laad opnieuw en zet de oude versie dan opnieuw terug als dat nog klopt.",
        "Not restored: {who} changed this entry at {time} ({date}), after you saw it. Compare the versions, "
        "reload, and restore the earlier version again if that is still right."),
    "edit.action_conflict.entry": ("Item: *{title}*", "Entry: *{title}*"),
    "edit.not_done.bevestigd": ("Niet bevestigd", "Not confirmed"),
    "edit.not_done.gesloten": ("Niet gesloten", "Not closed"),
    "edit.not_done.heropend": ("Niet heropend", "Not reopened"),
    "edit.not_done.hersteld": ("Niet teruggezet", "Not restored"),
    "edit.conflict_toast": ("{not_done}: {who} heeft dit item intussen gewijzigd. Beide versies staan boven de items.",
                            "{not_done}: {who} changed this entry meanwhile. Both versions are shown above the "
                            "entries."),
    "edit.seen_version": ("Wat jij zag (versie {version})", "What you saw (version {version})"),
    "edit.same_content": ("De getoonde velden zijn gelijk gebleven; alleen de versie is nieuwer.",
                          "The fields shown are unchanged; only the version is newer."),
    "edit.reload": ("Opnieuw laden", "Reload"),
    "edit.reload_help": ("Sluit deze vergelijking; het item hieronder staat er al in de nieuwe versie.",
                         "Close this comparison; the entry below already shows the new version."),
}
