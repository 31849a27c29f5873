"""UI texts of keeping the entries up to date (nl, en): Bij te werken, Recent gewijzigd and an entry's
history; merged into domain.texts. A text with a count has a key per plural category (`.one`, `.other`:
domain.format.plural)."""

TEXTS: dict[str, tuple[str, str]] = {
    # Bij te werken
    "stale.intro_list": ("Open items die langer dan {months} maanden niet zijn bevestigd of bijgewerkt, de oudste "
                         "eerst. Nog actueel? Klik op *Bevestigen*. Is er iets veranderd? Open het item in de wijk "
                         "en werk het bij.",
                         "Open entries not confirmed or updated for more than {months} months, oldest first. Still "
                         "current? Click *Confirm*. Has something changed? Open the entry in its neighbourhood and "
                         "update it."),
    "stale.total": ("**{items}** om na te kijken, in {wijken}.", "**{items}** to review, in {wijken}."),
    "stale.total_none": ("Geen items ouder dan {months} maanden om na te kijken.",
                         "No entries older than {months} months to review."),
    "stale.total_none_but_examples": ("Geen items ouder dan {months} maanden om na te kijken, buiten de voorbeelden "
                                      "uit de bron.",
                                      "No entries older than {months} months to review, apart from the examples from "
                                      "the source."),
    "stale.items.one": ("{n} item", "{n} entry"),
    "stale.items.other": ("{n} items", "{n} entries"),
    "stale.wijken.one": ("{n} wijk", "{n} neighbourhood"),
    "stale.wijken.other": ("{n} wijken", "{n} neighbourhoods"),
    "stale.examples_note": ("Daarnaast {items} uit de bron van 2013 (*voorbeeld*), apart onderaan: ze zijn oud "
                            "omdat de bron oud is.",
                            "Besides, {items} from the 2013 source (*example*), apart at the bottom: they are old "
                            "because the source is."),
    "stale.examples_title": ("Voorbeelden uit de bron (2013): {items}", "Examples from the source (2013): {items}"),
    "stale.examples_intro": ("Deze items komen uit het rapport en de brief van 2013. Klopt een voorbeeld voor de wijk, "
                             "bevestig het dan; herschrijf het in de wijk in je eigen woorden, dan telt het daarna als "
                             "gewoon item.",
                             "These entries come from the 2013 report and letter. If an example is right for the "
                             "neighbourhood, confirm it; rewrite it in your own words in the neighbourhood and it "
                             "counts as an ordinary entry from then on."),
    "stale.last_seen_by": ("laatst bevestigd of bijgewerkt op {date} door {who}",
                           "last confirmed or updated on {date} by {who}"),
    "stale.last_seen_on": ("laatst bevestigd of bijgewerkt op {date}", "last confirmed or updated on {date}"),
    "stale.open_entry": ("Open in de wijk", "Open in the neighbourhood"),
    "stale.confirm_help": ("Nog actueel: leg vast dat je dit item vandaag hebt nagekeken. Het verdwijnt dan van "
                           "deze lijst.",
                           "Still current: record that you checked this entry today. It then leaves this list."),
    "stale.confirmed": ("Bevestigd: “{title}” is nog actueel.", "Confirmed: “{title}” is still current."),
    "stale.conflict": ("Niet bevestigd: {who} heeft “{title}” om {time} ({date}) gewijzigd, na het laden van deze "
                       "lijst. Open het item in de wijk, bekijk wat er veranderde en bevestig het daar.",
                       "Not confirmed: {who} changed “{title}” at {time} ({date}), after this list was loaded. Open "
                       "the entry in its neighbourhood, see what changed and confirm it there."),
    "stale.limited": ("De {shown} oudste van {items} getoond: bevestig of werk ze bij, dan volgen de volgende.",
                      "The {shown} oldest of {items} shown: confirm or update them and the next ones follow."),
    "stale.sign_in": ("Frontlijnwerkers van een wijk zien hier bij elk item van hun wijk de knop *Bevestigen*.",
                      "Frontline workers of a neighbourhood see a *Confirm* button here at each entry of theirs."),
    # Recent gewijzigd
    "recent.intro": ("De laatste wijzigingen, de nieuwste eerst.", "The latest changes, newest first."),
    "recent.intro_who": ("De laatste wijzigingen, de nieuwste eerst, met wie ze deed.",
                         "The latest changes, newest first, with who made them."),
    "recent.version": ("{action} (versie {version})", "{action} (version {version})"),
    "recent.nothing_shown": ("–", "–"),
    # an entry's history
    "hist.title": ("Geschiedenis", "History"),
    "hist.entry": ("**{title}** · {section}", "**{title}** · {section}"),
    "hist.intro": ("De nieuwste versie bovenaan. *Zet terug* maakt van een oudere versie de nieuwe; er gaat niets "
                   "verloren.",
                   "The newest version at the top. *Restore* makes an earlier version the new one; nothing is lost."),
    "hist.version": ("**Versie {version}** · {action} · {when} · {who}",
                     "**Version {version}** · {action} · {when} · {who}"),
    "hist.current": ("huidige versie", "current version"),
    "hist.only_confirmed": ("Bevestigd als nog actueel; er is niets gewijzigd.",
                            "Confirmed as still current; nothing was changed."),
    "hist.nothing_shown": ("Geen wijziging in wat hier getoond wordt.", "No change in what is shown here."),
    "hist.col.field": ("Veld", "Field"),
    "hist.col.before": ("Was", "Was"),
    "hist.col.after": ("Werd", "Became"),
}
