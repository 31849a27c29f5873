"""Texts of a wijk's kansen and bedreigingen (the wijk page and the council report, nl and en); merged into
domain.texts. The kinds' own names come from the package (`facts.outlook`)."""

TEXTS: dict[str, tuple[str, str]] = {
    "out.title": ("Kansen en bedreigingen", "Opportunities and threats"),
    "out.intro": ("Kort en gedateerd: wat de wijk kan benutten en wat haar bedreigt. Gevraagd in: {source}.",
                  "Short and dated: what the neighbourhood can build on and what threatens it. Asked for in: "
                  "{source}."),
    "out.empty": ("Nog geen kansen of bedreigingen vastgelegd.", "No opportunities or threats recorded yet."),
    "out.empty_kind": ("Nog geen {kind} vastgelegd.", "No {kind} recorded yet."),
    "out.no_kinds": ("Het datapakket noemt geen soorten kansen en bedreigingen.",
                     "The data package declares no kinds of opportunities and threats."),
    "out.new": ("Nieuwe {kind}", "New {kind}"),
    "out.field.tekst": ("Omschrijving", "Description"),
    "out.field.tekst_help": ("Kort: één zin, hoogstens {n} tekens.", "Short: one sentence, at most {n} characters."),
    "out.field.datum": ("Vastgesteld op", "Noted on"),
    "out.field.soort": ("Soort", "Kind"),
    "out.field.status": ("Status", "Status"),
    "out.lapse": ("Vervallen", "Lapsed"),
    "out.lapse_help": ("Geldt niet meer: de regel gaat naar 'vervallen' (de geschiedenis blijft).",
                       "No longer holds: the line moves to 'lapsed' (the history stays)."),
    "out.reopen": ("Weer actueel", "Current again"),
    "out.remove": ("Verwijderen", "Remove"),
    "out.remove_help": ("Haalt de regel van de lijst; de geschiedenis blijft bewaard.",
                        "Takes the line off the list; its history is kept."),
    "out.lapsed_fold": ("Vervallen ({n})", "Lapsed ({n})"),
    "out.lapsed_badge": ("vervallen", "lapsed"),
    "out.done.vervallen": ("Gemarkeerd als vervallen", "Marked as lapsed"),
    "out.done.heropend": ("Weer actueel", "Current again"),
    "out.done.verwijderd": ("Verwijderd (de geschiedenis blijft bewaard)", "Removed (its history is kept)"),
    "out.conflict": ("Iemand anders heeft deze regel om {time} ({date}) gewijzigd: {who}. Er is niets overschreven. "
                     "Jouw tekst staat nog in het formulier: vergelijk, pas aan en sla opnieuw op.",
                     "Someone else changed this line at {time} ({date}): {who}. Nothing was overwritten. Your text "
                     "is still in the form: compare, adjust and save again."),
    "out.action_conflict": ("Iemand anders heeft deze regel om {time} ({date}) gewijzigd: {who}. Je actie is niet "
                            "uitgevoerd; bekijk de regel zoals hij nu is en probeer opnieuw.",
                            "Someone else changed this line at {time} ({date}): {who}. Your action was not carried "
                            "out; look at the line as it is now and try again."),
    "out.seen_version": ("Wat jij zag (versie {version})", "What you saw (version {version})"),
    "out.missing": ("Deze regel bestaat niet meer.", "This line no longer exists."),
    "out.hist.line": ("{kind}: *{text}*", "{kind}: *{text}*"),
    "out.status.open": ("actueel", "current"),
    "out.status.vervallen": ("vervallen", "lapsed"),
    "out.status.verwijderd": ("verwijderd", "removed"),
    "out.action.vastgelegd": ("vastgelegd", "recorded"),
    "out.action.herzien": ("bewerkt", "edited"),
    "out.action.vervallen": ("als vervallen gemarkeerd", "marked as lapsed"),
    "out.action.heropend": ("weer actueel", "current again"),
    "out.action.verwijderd": ("verwijderd", "removed"),
    # the council report
    "report.outlook": ("Kansen en bedreigingen", "Opportunities and threats"),
    "report.outlook_more": ("+ {n} meer op de wijkpagina", "+ {n} more on the neighbourhood page"),
}
