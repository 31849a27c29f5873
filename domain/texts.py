"""Every word the UI shows, in Dutch (the users' language) and English.

`t("kaart.title", lang)`; placeholders use `str.format`: `t("wijk.unknown", lang, wijk="x", n=15)`.
Data labels (indicator names, definitions, class labels, link relations) and facts about the city (its
name, the number of wijken, the budgets, the size threshold) come from the data package, not from
here: a text that mentions one has a placeholder for it.
"""

from __future__ import annotations

from collections.abc import Collection

from domain.languages import DUTCH

LANGUAGES = {"nl": "Nederlands", "en": "English"}

_TEXTS: dict[str, tuple[str, str]] = {
    # frame
    "app.name": ("Wijkperspectief", "Wijkperspectief"),
    "app.title": ("Wijkperspectief {gemeente}", "Wijkperspectief {gemeente}"),
    "app.subtitle": ("Nieuw Lokaal Akkoord — {n} wijken", "Nieuw Lokaal Akkoord — {n} neighbourhoods"),
    "word.or": ("of", "or"),
    "nav.kaart": ("Kaart", "Map"),
    "nav.wijk": ("Wijkperspectief", "Neighbourhood perspective"),
    "nav.group.look": ("Bekijken", "Explore"),
    "nav.group.keep": ("Bijhouden", "Keep up to date"),
    "sidebar.wijk": ("Wijk", "Neighbourhood"),
    "sidebar.wijk_placeholder": ("Kies een wijk…", "Choose a neighbourhood…"),
    "sidebar.language": ("Taal", "Language"),
    "sidebar.package": ("Datapakket", "Data package"),
    "sidebar.version": ("versie {version}, {date}", "version {version}, {date}"),
    "sidebar.outlines_indicative": ("Grenzen: **indicatief** (benaderd, niet officieel)",
                                    "Boundaries: **indicative** (approximated, not official)"),
    "sidebar.outlines_official": ("Grenzen: officieel", "Boundaries: official"),
    "boundaries.officieel": ("officieel", "official"),  # the package's word for its boundaries
    "boundaries.indicatief": ("indicatief", "indicative"),
    "sidebar.package_problems.one": ("Het datapakket heeft {n} probleem: zie de hoofdpagina.",
                                     "The data package has {n} problem: see the main page."),
    "sidebar.package_problems.other": ("Het datapakket heeft {n} problemen: zie de hoofdpagina.",
                                       "The data package has {n} problems: see the main page."),
    # classes
    "class.title": ("Klasse", "Class"),
    "class.explain": ("{above}: meer dan {threshold} woningen, {below}: niet meer (bron: {size_source}). "
                      "{weights} volgens {weight_source}.",
                      "{above}: more than {threshold} dwellings, {below}: not more (source: {size_source}). "
                      "{weights} according to {weight_source}."),
    "error.unexpected": ("Er ging iets mis bij het tonen van deze pagina. Er is niets gewijzigd of verloren; "
                         "probeer het opnieuw of kies een andere pagina. De beheerder vindt de details in het "
                         "serverlog.",
                         "Something went wrong showing this page. Nothing was changed or lost; try again or "
                         "choose another page. The administrator finds the details in the server log."),
    # data package problems
    "problems.title": ("Het datapakket kan niet worden geladen", "The data package cannot be loaded"),
    "problems.intro.one": ("In **{path}** is {n} probleem gevonden. Er is niets gewijzigd. "
                           "Herstel het bestand en laad de pagina opnieuw; `python -m nla_data validate` "
                           "geeft hetzelfde.",
                           "{n} problem was found in **{path}**. Nothing was changed. Fix the file and "
                           "reload; `python -m nla_data validate` says the same."),
    "problems.intro.other": ("In **{path}** zijn {n} problemen gevonden. Er is niets gewijzigd. "
                             "Herstel de bestanden en laad de pagina opnieuw; `python -m nla_data validate` "
                             "geeft dezelfde lijst.",
                             "{n} problems were found in **{path}**. Nothing was changed. Fix the files and "
                             "reload; `python -m nla_data validate` gives the same list."),
    "problems.resource": ("Bestand (resource)", "File (resource)"),
    "problems.row": ("Rij", "Row"),
    "problems.field": ("Veld", "Field"),
    "problems.message": ("Probleem", "Problem"),
    "problems.in_file": ("In {file}:", "In {file}:"),
    # map page
    "kaart.question": ("Waar staat welke wijk?", "Where does each neighbourhood stand?"),
    "kaart.indicator": ("Indicator", "Indicator"),
    "kaart.year": ("Peiljaar", "Year"),
    "kaart.color_by": ("Kleur naar", "Colour by"),
    "kaart.by_indicator": ("Indicator", "Indicator"),
    "kaart.by_class": ("Klasse", "Class"),
    "kaart.legend": ("Legenda: {label}, {year} (eenheid: {unit}). Bron: {source}.",
                     "Legend: {label}, {year} (unit: {unit}). Source: {source}."),
    "kaart.click_hint": ("Klik op een wijk om haar wijkperspectief te openen.",
                         "Click a neighbourhood to open its perspective."),
    "kaart.outlines_note": ("Een deel van de grenzen is **indicatief**: niet de officiële CBS-grenzen. De beheerder "
                            "kan de CBS Wijk- en buurtkaart importeren.",
                            "Some boundaries are **indicative**: not the official CBS boundaries. The administrator "
                            "can import the CBS Wijk- en buurtkaart."),
    "kaart.illustrative_note": ("De waarden van deze indicator in {year} zijn **illustratief**: voorbeeldwaarden, "
                                "geen officiële statistiek.",
                                "The values of this indicator in {year} are **illustrative**: example values, not "
                                "official statistics."),
    "kaart.no_values": ("Geen waarden voor {indicator} in {year}.", "No values for {indicator} in {year}."),
    "kaart.table": ("De kaart als tabel", "The map as a table"),
    "kaart.city": ("{gemeente} (hele stad)", "{gemeente} (whole city)"),
    "kaart.city_hint": ("Kies een wijk op de kaart of in de zijbalk.", "Choose a neighbourhood on the map or in "
                        "the sidebar."),
    "kaart.open": ("Open wijkperspectief", "Open perspective"),
    "kaart.open_entries": ("Open items", "Open entries"),
    "kaart.budget_total": ("Wijkbudgetten 2011–2014 samen", "Neighbourhood budgets 2011–2014 together"),
    "kaart.rest_of_city": ("Rest van de stad (geen NLA-wijk)", "Rest of the city (not an NLA neighbourhood)"),
    # short: it stands beside the grid's toolbar (ui.components.wide_table)
    "table.sideways": ("Schuif opzij voor meer kolommen.", "Swipe sideways for more columns."),
    # columns
    "col.wijk": ("Wijk", "Neighbourhood"),
    "col.class": ("Klasse", "Class"),
    "col.value": ("Waarde", "Value"),
    "col.year": ("Peiljaar", "Year"),
    "col.source": ("Bron", "Source"),
    "col.illustrative": ("Illustratief", "Illustrative"),
    "col.ceiling": ("Plafond 2011–2014", "Ceiling 2011–2014"),
    # value annotations
    "value.illustrative": ("illustratief", "illustrative"),
    "value.indicative": ("indicatief", "indicative"),
    "value.outlines_indicative": ("grenzen indicatief", "boundaries indicative"),
    "value.missing": ("geen waarde", "no value"),
    "value.source": ("Bron: {source}", "Source: {source}"),
    # wijk page
    "wijk.question": ("Wat speelt er in deze wijk en wat is er nodig?",
                      "What is going on in this neighbourhood and what is needed?"),
    "wijk.choose": ("Kies een wijk", "Choose a neighbourhood"),
    "wijk.choose_intro": ("Kies hieronder een van de {n} NLA-wijken, of gebruik de kaart.",
                          "Choose one of the {n} NLA neighbourhoods below, or use the map."),
    "wijk.unknown": ("Er is geen wijk met de naam **{wijk}**. Kies een van de {n} NLA-wijken:",
                     "There is no neighbourhood called **{wijk}**. Choose one of the {n} NLA neighbourhoods:"),
    "wijk.frontline": ("Frontlijn", "Frontline"),
    "wijk.organisation": ("Na 2014", "After 2014"),
    "wijk.themes": ("Speerpunten", "Priorities"),
    "wijk.last_update": ("Laatst bijgewerkt: {date} door {who}", "Last updated: {date} by {who}"),
    "wijk.last_update_date": ("Laatst bijgewerkt: {date}", "Last updated: {date}"),
    "wijk.no_update": ("Nog geen items in dit wijkperspectief.", "No entries in this perspective yet."),
    "wijk.no_update.openbaar": ("Nog geen openbare items in dit wijkperspectief.",
                                "No public entries in this perspective yet."),
    "wijk.no_update.frontlijn": ("Nog geen items in dit wijkperspectief die je mag zien.",
                                 "No entries in this perspective yet that you may see."),
    "wijk.figures": ("Kerncijfers", "Key figures"),
    "wijk.map": ("De wijk en haar buurten", "The neighbourhood and its buurten"),
    "wijk.budget": ("Wijkbudget", "Neighbourhood budget"),
    "wijk.ceiling": ("Plafond 2011–2014", "Ceiling 2011–2014"),
    "wijk.cut": ("Korting 2014", "Cut 2014"),
    "wijk.after_cut": ("Na korting", "After the cut"),
    "wijk.needs_total": ("Geraamd voor open behoeften", "Estimated for open needs"),
    "wijk.budget_source": ("Bron: {source}. Korting 2014: {cut} samen, gelijk verdeeld over de {n} wijken.",
                           "Source: {source}. Cut 2014: {cut} together, spread evenly over the {n} "
                           "neighbourhoods."),
    "wijk.budget_source_uneven": ("Bron: {source}. Korting 2014: {cut} samen, over de {n} wijken.",
                                  "Source: {source}. Cut 2014: {cut} together, over the {n} neighbourhoods."),
    "wijk.illustrative_profile": ("Frontlijn, organisatievorm en speerpunten zijn **illustratief** tot de wijk "
                                  "ze zelf invult.",
                                  "Frontline, organisation and priorities are **illustrative** until the "
                                  "neighbourhood fills them in."),
    "wijk.buurten": ("Buurten", "Sub-neighbourhoods (buurten)"),
    "wijk.section_count": ("{open} open · {closed} gesloten", "{open} open · {closed} closed"),
    "wijk.closed": ("Gesloten ({n})", "Closed ({n})"),
    "wijk.example": ("voorbeeld uit de bron (2013)", "example from the source (2013)"),
    "wijk.confirmed": ("laatst bevestigd op {date} door {who}", "last confirmed on {date} by {who}"),
    "wijk.confirmed_date": ("laatst bevestigd op {date}", "last confirmed on {date}"),
    "wijk.not_confirmed": ("nog niet bevestigd", "not yet confirmed"),
    "wijk.updated": ("bijgewerkt {date}", "updated {date}"),
    "wijk.amount": ("geraamd {amount}", "estimated {amount}"),
    "wijk.links": ("Koppelingen", "Links"),
    "wijk.back_to_map": ("Terug naar de kaart", "Back to the map"),
    "wijk.class_tension": ("Let op: naar het woningaantal van de CBS-buurten ({n}; de grens is {threshold}) "
                           "is deze wijk *{expected}*, terwijl de bron haar als *{given}* indeelt.",
                           "Note: by the dwelling count of its CBS buurten ({n}; the threshold is {threshold}) "
                           "this neighbourhood is *{expected}*, while the source classes it as *{given}*."),
    # pages: Bij te werken, Recent gewijzigd
    "nav.stale": ("Bij te werken", "To review"),
    "nav.recent": ("Recent gewijzigd", "Recently changed"),
    "stale.question": ("Welke items zijn mogelijk verouderd?", "Which entries may be out of date?"),
    "recent.question": ("Wat is er recent gewijzigd?", "What changed recently?"),
    "recent.scope": ("Wijk", "Neighbourhood"),
    "recent.all": ("Alle wijken", "All neighbourhoods"),
    "recent.none": ("Nog geen wijzigingen.", "No changes yet."),
    "recent.when": ("Wanneer", "When"),
    "recent.who": ("Door", "By"),
    "recent.what": ("Wat", "What"),
    "recent.item": ("Item", "Entry"),
    "recent.fields": ("Velden", "Fields"),
    "recent.section": ("Sectie", "Section"),
    "recent.limit": ("Aantal", "Number"),
    "recent.open": ("Open", "Open"),
    # editing
    "sidebar.author": ("Je naam (voor de geschiedenis)", "Your name (for the history)"),
    "sidebar.author_help": ("Wordt bij elke wijziging vastgelegd.", "Recorded with every change."),
    "edit.new": ("Nieuw", "New"),
    "edit.edit": ("Bewerken", "Edit"),
    "edit.confirm": ("Bevestigen", "Confirm"),
    "edit.confirm_help": ("Nog actueel: leg vast dat je dit item vandaag hebt nagekeken.",
                          "Still current: record that you checked this entry today."),
    "edit.close": ("Sluiten", "Close"),
    "edit.close_reason": ("Reden", "Reason"),
    "edit.reopen": ("Heropenen", "Reopen"),
    "edit.history": ("Geschiedenis", "History"),
    "edit.save": ("Opslaan", "Save"),
    "edit.cancel": ("Annuleren", "Cancel"),
    "edit.saved": ("Opgeslagen", "Saved"),
    "edit.unchanged": ("Niets gewijzigd: er is niets opgeslagen", "Nothing changed: nothing was saved"),
    "edit.confirmed": ("Bevestigd: nog actueel", "Confirmed: still current"),
    "edit.closed": ("Gesloten", "Closed"),
    "edit.reopened": ("Heropend", "Reopened"),
    "edit.restored": ("Versie {version} is teruggezet (als nieuwe versie)", "Version {version} restored (as a new version)"),
    "edit.restore": ("Zet versie {version} terug", "Restore version {version}"),
    "edit.missing": ("Dit item bestaat niet meer.", "This entry no longer exists."),
    "edit.conflict": ("Iemand anders heeft dit item om {time} ({date}) gewijzigd: {who}. Jouw tekst staat nog in "
                      "het formulier: vergelijk, pas aan en sla opnieuw op.",
                      "Someone else changed this entry at {time} ({date}): {who}. Your text is still in the form: "
                      "compare, adjust and save again."),
    "edit.conflict.self": ("Je hebt dit item om {time} ({date}) zelf gewijzigd, in een ander venster of tabblad. De "
                           "tekst hier staat nog in het formulier: vergelijk, pas aan en sla opnieuw op.",
                           "You changed this entry yourself at {time} ({date}), in another window or tab. The text "
                           "here is still in the form: compare, adjust and save again."),
    "edit.you_elsewhere": ("je andere venster of tabblad", "your other window or tab"),  # in place of a name
    "edit.their_version": ("Hun versie (nu opgeslagen)", "Their version (saved now)"),
    "edit.their_version.self": ("Opgeslagen versie (uit je andere venster)", "Saved version (from your other window)"),
    "edit.your_version": ("Jouw versie (in het formulier)", "Your version (in the form)"),
    "edit.stale": ("mogelijk verouderd", "possibly out of date"),
    "edit.stale_help": ("Langer dan {months} maanden niet bevestigd of bijgewerkt.",
                        "Not confirmed or updated for more than {months} months."),
    "action.aangemaakt": ("aangemaakt", "created"),
    "action.bewerkt": ("bewerkt", "edited"),
    "action.bevestigd": ("bevestigd", "confirmed"),
    "action.gesloten": ("gesloten", "closed"),
    "action.heropend": ("heropend", "reopened"),
    "action.hersteld": ("oude versie teruggezet", "earlier version restored"),
    "action.geimporteerd": ("geïmporteerd", "imported"),
    "field.titel": ("Titel", "Title"),
    "field.titel_hint": ("Kort en herkenbaar, {low} tot {high} tekens", "Short and recognisable, {low} to {high} characters"),
    "field.titel_hint_min": ("Kort en herkenbaar, minstens {n}", "Short and recognisable, at least {n}"),
    "field.beschrijving": ("Beschrijving", "Description"),
    "field.status": ("Status", "Status"),
    "field.thema": ("Thema", "Theme"),
    "field.buurt": ("Buurt", "Buurt"),
    "field.buurtcode": ("Buurt", "Buurt"),
    "field.whole_wijk": ("Hele wijk", "Whole neighbourhood"),
    "field.straat": ("Straat of plek", "Street or place"),
    "field.aanpak": ("Aanpak", "Approach"),
    "field.aanpak_help": ("Stimuleren: professionals geven het zetje. Faciliteren: bewoners doen het, instellingen "
                          "ondersteunen op verzoek. Coproduceren: bewoners voeren (een deel van) een taak van een "
                          "instelling uit.",
                          "Stimulating: professionals kick-start it. Facilitating: residents do it, institutions "
                          "support on request. Co-producing: residents carry out (part of) an institution's task."),
    "field.rol": ("Rol in de wijk", "Role in the neighbourhood"),
    "field.soort_hulp": ("Soort hulp", "Kind of help"),
    "field.bedrag": ("Geschat bedrag (hele euro's)", "Estimated amount (whole euros)"),
    "field.startdatum": ("Startdatum", "Start date"),
    "field.links": ("Koppelingen", "Links"),
    "field.none": ("Geen", "None"),
    "field.bevestigd_op": ("Bevestigd op", "Confirmed on"),
    "field.bevestigd_door": ("Bevestigd door", "Confirmed by"),
    "field.sectie": ("Sectie", "Section"),
    "field.auteur": ("Naam", "Name"),
    # sections
    "section.gebeurt": ("Wat er gebeurt", "What is happening"),
    "section.netwerk": ("Mensen en netwerken", "People and networks"),
    "section.nodig": ("Wat er nodig is", "What is needed"),
    # an empty section: what it says first depends on what the viewer may see (domain.privacy.unseen_visibilities)
    "section.none": ("Nog niets vastgelegd.", "Nothing recorded yet."),
    "section.none.openbaar": ("Nog niets openbaar vastgelegd: wat alleen voor aangemelde gebruikers is, zie je na "
                              "aanmelden.",
                              "Nothing public recorded yet: what is only for signed-in users you see after signing "
                              "in."),
    "section.none.frontlijn": ("Niets dat je mag zien: wat alleen voor de frontlijnwerkers van deze wijk is, staat "
                               "hier niet.",
                               "Nothing you may see: what is only for this neighbourhood's frontline workers is not "
                               "shown here."),
    "section.purpose.gebeurt": ("Hier horen initiatieven, projecten en activiteiten van bewoners die de wijk verder "
                                "kunnen helpen.",
                                "This is for initiatives, projects and residents' activities that can help the "
                                "neighbourhood."),
    "section.purpose.netwerk": ("Hier horen de organisaties, netwerken en groepen die in de wijk het verschil maken.",
                                "This is for the organisations, networks and groups that make a difference in the "
                                "neighbourhood."),
    "section.purpose.nodig": ("Hier staat wat er nodig is om ideeën ruimte te geven: geld, ruimte, toestemming, "
                              "contacten of kennis.",
                              "This is for what is needed to give ideas room: money, space, permission, contacts or "
                              "expertise."),
    # entry values
    "status.idee": ("idee", "idea"),
    "status.gepland": ("gepland", "planned"),
    "status.loopt": ("loopt", "running"),
    "status.afgerond": ("afgerond", "completed"),
    "status.gestopt": ("gestopt", "stopped"),
    "status.niet-meer-relevant": ("niet meer relevant", "no longer relevant"),
    "approach.stimuleren": ("stimuleren", "stimulating"),
    "approach.faciliteren": ("faciliteren", "facilitating"),
    "approach.coproduceren": ("coproduceren", "co-producing"),
    "help.geld": ("geld", "money"),
    "help.ruimte": ("ruimte", "space"),
    "help.toestemming": ("toestemming", "permission"),
    "help.contact": ("contact", "contact"),
    "help.expertise": ("expertise", "expertise"),
    "frontline.gemeente": ("gemeente", "municipality"),
    "frontline.corporatie": ("corporatie", "corporation"),
    "frontline.functionaris": ("één functionaris", "one officer"),
    "frontline.team": ("team", "team"),
    "frontline.anders": ("andere partij", "another party"),
    "frontline.nog-te-bepalen": ("nog te bepalen", "to be decided"),
    "organisation.wijkteam-blijft": ("wijkteam blijft", "wijkteam stays"),
    "organisation.andere-vorm": ("andere vorm", "another form"),
    "organisation.nog-te-bepalen": ("nog te bepalen", "to be decided"),
}


# Each larger page keeps its own texts in a module of its own, merged here once.
from domain import (texts_auth, texts_beheer, texts_editing, texts_entry_csv, texts_frame,  # noqa: E402
                    texts_kaart, texts_vergelijken, texts_wijk, texts_wonen)

for _module in (texts_vergelijken, texts_wonen, texts_beheer, texts_entry_csv, texts_auth, texts_wijk, texts_kaart,
                texts_editing, texts_frame):
    _TEXTS.update(_module.TEXTS)
from domain import texts_bijhouden  # noqa: E402 - Bij te werken, Recent gewijzigd, an entry's history

_TEXTS.update(texts_bijhouden.TEXTS)
from domain import texts_budget  # noqa: E402 - the Budget page

_TEXTS.update(texts_budget.TEXTS)

from domain import texts_report  # noqa: E402 - the council report (PDF per wijk)

_TEXTS.update(texts_report.TEXTS)
from domain import texts_network  # noqa: E402 - the wijk's network

_TEXTS.update(texts_network.TEXTS)

from domain import texts_outlook  # noqa: E402 - kansen en bedreigingen (wijk page, report)

_TEXTS.update(texts_outlook.TEXTS)

from domain import texts_messages  # noqa: E402 - the checks' messages (domain.messages)

_TEXTS.update(texts_messages.TEXTS)


def t(key: str, lang: str = DUTCH, **values) -> str:
    """The text for `key` in `lang`; an unknown key shows itself, so a gap is visible, not fatal."""
    pair = _TEXTS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**values) if values else text


def tn(key: str, n: int, lang: str = DUTCH, **values) -> str:
    """`t` for a text with a count: `key.one` or `key.other` by the plural category of `n` (Babel, via
    domain.format.plural), with `{n}` written the Dutch way: `tn("stale.items", 1200)` -> `1.200 items`."""
    from domain import format as fmt  # format needs no texts; imported here so texts stays the first import

    return t(f"{key}.{fmt.plural(n, lang)}", lang, n=fmt.number(n, lang), **values)


def label(prefix: str, value, lang: str = DUTCH) -> str:
    """The label of a value from the data (`label("status", "loopt")`); a value this module has no label
    for (a package may add one to its vocabulary) shows as itself."""
    key = f"{prefix}.{value}"
    return t(key, lang) if key in _TEXTS else str(value)


def for_viewer(key: str, unseen: Collection[str] = ()) -> str:
    """`key`, or its variant for a viewer who may not see every entry of the wijk (`unseen`: the visibilities they
    may not see, domain.privacy.unseen_visibilities): `key.openbaar` for one who sees only public entries,
    `key.frontlijn` for one who does not see those of the wijk's frontline workers. "Nothing recorded" would
    mislead them."""
    return f"{key}.openbaar" if "ingelogd" in unseen else f"{key}.frontlijn" if "frontlijn" in unseen else key


def empty_section(section: str, unseen: Collection[str] = (), lang: str = DUTCH) -> str:
    """What an empty section of a wijk says: that nothing is recorded (that the viewer may see), then what
    belongs there."""
    return f"{t(for_viewer('section.none', unseen), lang)} {t(f'section.purpose.{section}', lang)}"


def keys() -> list[str]:
    return list(_TEXTS)
