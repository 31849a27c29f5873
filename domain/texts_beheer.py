"""UI texts of the beheer page (nl, en); merged into domain.texts."""

TEXTS: dict[str, tuple[str, str]] = {
    "nav.beheer": ("Beheer", "Data management"),
    "beheer.question": ("Is het datapakket in orde en actueel?", "Is the data package sound and up to date?"),
    "beheer.role_note": ("Voor de gegevensbeheerder (Onderzoek & Statistiek): alleen de rol beheerder.",
                         "For the data manager (Research & Statistics): administrator role only."),
    "beheer.package": ("Datapakket", "Data package"),
    "beheer.package_line": ("**{title}**, versie {version} · grenzen: {boundaries}",
                            "**{title}**, version {version} · boundaries: {boundaries}"),
    "beheer.validate": ("Controleer het pakket", "Validate the package"),
    "beheer.valid": ("Het datapakket is geldig.", "The data package is valid."),
    "beheer.export": ("Download het hele pakket (zip)", "Download the whole package (zip)"),
    "beheer.export_help": ("CSV, GeoJSON en datapackage.json, met de items en hun geschiedenis, zoals ze nu zijn. Het "
                           "bestand wordt bij de klik gemaakt en gecontroleerd; dat duurt enkele seconden.",
                           "CSV, GeoJSON and datapackage.json, with the entries and their history as they are now. "
                           "The file is made and checked when you click; that takes a few seconds."),
    "beheer.export_failed": ("De export is mislukt en bevat daarom geen pakket. Er is niets gewijzigd. Wat er mis is:",
                             "The export failed and so holds no package. Nothing was changed. What is wrong:"),
    # import of the CBS Wijk- en buurtkaart (nla_data.cbs_import): upload -> plan -> preview -> apply
    "beheer.cbs.title": ("CBS Wijk- en buurtkaart importeren", "Import the CBS Wijk- en buurtkaart"),
    "beheer.cbs.intro": (
        "Lees de officiële buurtgrenzen en kerncijfers van één jaar in. De wijkgrenzen worden samengevoegd uit "
        "de buurten; buurtcijfers worden per wijk opgeteld of gewogen. Je ziet eerst wat er verandert.",
        "Read the official buurt boundaries and key figures of one year. Wijk boundaries are merged from the "
        "buurten; buurt figures are summed or weighted per wijk. You first see what will change."),
    "beheer.cbs.upload": ("Kaartbestand (GeoPackage, gezipte shapefile of GeoJSON)",
                          "Map file (GeoPackage, zipped shapefile or GeoJSON)"),
    "beheer.cbs.upload_help": ("Een shapefile bestaat uit meerdere bestanden: upload ze samen als één zip.",
                               "A shapefile is several files: upload them together as one zip."),
    "beheer.cbs.year": ("Jaar", "Year"),
    "beheer.cbs.year_help": ("Leeg: het jaar uit het bestand.", "Empty: the year in the file."),
    "beheer.cbs.municipality": ("Gemeentecode", "Municipality code"),
    "beheer.cbs.plan": ("Bekijk wat er verandert", "Preview the changes"),
    "beheer.cbs.planning": ("Bestand lezen en controleren…", "Reading and checking the file…"),
    "beheer.cbs.summary": ("Samenvatting", "Summary"),
    "beheer.cbs.notes": ("Meldingen ({n})", "Notes ({n})"),  # n: domain.format.number
    "beheer.cbs.problems": ("Dit bestand kan niet worden geïmporteerd; er is niets gewijzigd.",
                            "This file cannot be imported; nothing was changed."),
    "beheer.cbs.changes": ("Cijfers die veranderen ({n})", "Figures that change ({n})"),
    "beheer.cbs.col_kind": ("Soort gebied", "Kind of area"),
    "beheer.cbs.col_area": ("Gebied", "Area"),
    "beheer.cbs.col_indicator": ("Indicator", "Indicator"),
    "beheer.cbs.col_old": ("Oud", "Old"),
    "beheer.cbs.col_new": ("Nieuw", "New"),
    "beheer.cbs.col_old_source": ("Oude bron", "Old source"),
    "beheer.cbs.kind.gemeente": ("gemeente", "municipality"),
    "beheer.cbs.kind.wijk": ("wijk", "neighbourhood"),
    "beheer.cbs.kind.buurt": ("buurt", "sub-neighbourhood"),
    "beheer.cbs.partial": (
        "Geen totaal voor wijken met een geheime of ontbrekende buurtwaarde: een geheim telt nooit als 0.",
        "No total for wijken with a secret or missing buurt value: a secret never counts as 0."),
    # the preview's summary (domain.import_summary): counts by domain.format.number, areas by name, indicators by label
    "beheer.cbs.sum.file": ("CBS Wijk- en buurtkaart {year} uit {source}, gemeente {municipality}",
                            "CBS Wijk- en buurtkaart {year} from {source}, municipality {municipality}"),
    "beheer.cbs.sum.file_layer": ("CBS Wijk- en buurtkaart {year} uit {source}, laag {layer}, gemeente {municipality}",
                                  "CBS Wijk- en buurtkaart {year} from {source}, layer {layer}, municipality "
                                  "{municipality}"),
    "beheer.cbs.sum.buurten": ("Buurten: {in_file} in het bestand, {placed} in het pakket, {unplaced} niet te "
                               "plaatsen, {absent} van het pakket niet in het bestand",
                               "Buurten: {in_file} in the file, {placed} in the package, {unplaced} cannot be placed, "
                               "{absent} of the package not in the file"),
    "beheer.cbs.sum.official.one": ("Officiële grenzen voor {n} wijk", "Official boundaries for {n} wijk"),
    "beheer.cbs.sum.official.other": ("Officiële grenzen voor {n} wijken", "Official boundaries for {n} wijken"),
    "beheer.cbs.sum.partial": ("deels: {names}", "partly: {names}"),
    "beheer.cbs.sum.boundaries": ("de grenzen van het pakket worden {boundaries}",
                                  "the package's boundaries become {boundaries}"),
    "beheer.cbs.sum.figures": ("Cijfers {year}: {new} nieuw, {changed} gewijzigd, {same} gelijk ({indicators})",
                               "Figures {year}: {new} new, {changed} changed, {same} unchanged ({indicators})"),
    "beheer.cbs.sum.no_indicators": ("geen indicatoren", "no indicators"),
    "beheer.cbs.apply": ("Importeren", "Import"),
    "beheer.cbs.applying": ("Importeren en controleren…", "Importing and checking…"),
    "beheer.cbs.applied": ("Geïmporteerd: CBS Wijk- en buurtkaart {year}.",
                           "Imported: CBS Wijk- en buurtkaart {year}."),
    "beheer.cbs.failed": ("Niet geïmporteerd; het datapakket is niet gewijzigd.",
                          "Not imported; the data package was not changed."),
    "beheer.include_personal": ("Met persoonsgegevens", "With personal data"),
    "beheer.include_personal_help": ("Standaard bevat de export geen persoonsgegevens (namen van bewerkers, "
                                     "contactgegevens): geschikt om als open data te publiceren. Met dit vinkje alles; "
                                     "alleen voor de beheerder, wordt vastgelegd in het auditlog.",
                                     "By default the export holds no personal data (editors' names, contact details): "
                                     "fit to publish as open data. Tick this for everything; administrator only, "
                                     "recorded in the audit log."),
    "beheer.person.title": ("Persoonsgegevens (AVG)", "Personal data (GDPR)"),
    "beheer.person.intro": ("Alles wat over één persoon is vastgelegd (als contactpersoon, als bewerker, in de "
                            "geschiedenis), om aan die persoon te geven; en die persoon overal wissen, geschiedenis "
                            "inbegrepen. Het wissen wordt vastgelegd zonder de persoonsgegevens.",
                            "Everything held about one person (as a contact, as an editor, in the history), to give to "
                            "that person; and erasing that person everywhere, history included. The erasure is "
                            "logged without the personal data."),
    "beheer.person.email": ("E-mailadres", "E-mail address"),
    "beheer.person.name": ("Volledige naam", "Full name"),
    "beheer.person.find": ("Zoek", "Search"),
    "beheer.person.none": ("Over deze persoon is niets vastgelegd.", "Nothing is held about this person."),
    "beheer.person.found": ("Gevonden: {contact} met contactgegevens, {editor} als bewerker, {history}, "
                            "{recorded} als vastlegger van besluiten en kansen.",
                            "Found: {contact} with contact details, {editor} as editor, {history}, "
                            "{recorded} as recorder of decisions and outlook lines."),
    "beheer.recorded.one": ("{n} regel", "{n} row"),
    "beheer.recorded.other": ("{n} regels", "{n} rows"),
    "beheer.items.one": ("{n} item", "{n} entry"),
    "beheer.items.other": ("{n} items", "{n} entries"),
    "beheer.history_rows.one": ("{n} geschiedenisregel", "{n} history row"),
    "beheer.history_rows.other": ("{n} geschiedenisregels", "{n} history rows"),
    "beheer.person.download": ("Download alles over deze persoon (JSON)",
                               "Download everything about this person (JSON)"),
    "beheer.person.sure": ("Ik weet zeker dat ik deze persoon wil wissen; dit kan niet ongedaan worden.",
                           "I am sure I want to erase this person; this cannot be undone."),
    "beheer.person.erase": ("Wis deze persoon", "Erase this person"),
    "beheer.person.erased": ("Gewist (wissing {id}): {removed} verwijderd, {anonymised} geanonimiseerd, {history} "
                             "aangepast.",
                             "Erased (erasure {id}): {removed} removed, {anonymised} anonymised, {history} changed."),
    "beheer.server_folder": ("de map op de server", "the folder on the server"),
}
