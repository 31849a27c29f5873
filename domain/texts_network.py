"""UI texts of the wijk's network (nl, en); merged into domain.texts."""

TEXTS: dict[str, tuple[str, str]] = {
    "net.title": ("Netwerk", "Network"),
    "net.intro": ("Wie doet mee aan wat, wat is daarvoor nodig en wat is er besloten. Klik op een punt om dat "
                  "item te openen; dezelfde koppelingen staan in de tabel eronder.",
                  "Who takes part in what, what that needs and what was decided. Click a point to open that "
                  "entry; the same links are in the table below."),
    "net.empty": ("Deze wijk heeft nog geen netwerk: er zijn geen organisaties, initiatieven, behoeften of besluiten "
                  "vastgelegd die je kunt zien.",
                  "This neighbourhood has no network yet: no organisations, initiatives, needs or decisions you "
                  "can see have been recorded."),
    # what only someone who may edit the wijk is asked to do
    "net.empty_editor": ("Leg ze vast in de secties hieronder en koppel ze daar aan elkaar.",
                         "Record them in the sections below and link them there."),
    "net.no_links_reader": ("Er zijn nog geen koppelingen.", "There are no links yet."),
    "net.no_links": ("Er zijn nog geen koppelingen: koppel een organisatie of behoefte aan een initiatief via "
                     "‘Bewerken’ bij het item.",
                     "There are no links yet: link an organisation or need to an initiative through ‘Edit’ on "
                     "the entry."),
    "net.closed_note": ("Vervaagd: afgesloten items.", "Faded: closed entries."),
    "net.focused": ("De tekening toont {shown} van de {total} items en besluiten: de gekoppelde eerst, de grootste "
                    "groep voorop. Alle koppelingen staan in de tabel hieronder.",
                    "The picture shows {shown} of the {total} entries and decisions: the linked ones first, the "
                    "largest group first. Every link is in the table below."),
    "net.alt": ("Netwerk van {wijk}: {nodes} items en besluiten, {edges} koppelingen. Dezelfde gegevens staan in "
                "de tabel eronder.",
                "Network of {wijk}: {nodes} entries and decisions, {edges} links. The same data is in the table "
                "below."),
    "net.source": ("Bron: de items en koppelingen van dit wijkperspectief en de vastgelegde budgetbesluiten; "
                   "stand {date}.",
                   "Source: the entries and links of this perspective and the recorded budget decisions; as of "
                   "{date}."),
    "net.kind.organisatie": ("Organisatie", "Organisation"),
    "net.kind.netwerk": ("Netwerk", "Network"),
    "net.kind.persoon": ("Persoon", "Person"),
    "net.kind.initiatief": ("Initiatief", "Initiative"),
    "net.kind.behoefte": ("Behoefte", "Need"),
    "net.kind.besluit": ("Besluit", "Decision"),
    "net.column.0": ("Mensen en netwerken", "People and networks"),
    "net.column.1": ("Wat er gebeurt", "What is happening"),
    "net.column.2": ("Wat er nodig is", "What is needed"),
    "net.column.3": ("Besluiten", "Decisions"),
    "net.decision_title": ("Besluit: {outcome} {amount} ({date})", "Decision: {outcome} {amount} ({date})"),
    "net.relation.besluit": ("besluit over", "decision on"),
    "net.not_linked": ("(nog niet gekoppeld)", "(not linked yet)"),
    "net.table": ("Tabel: wie is gekoppeld aan wat ({n})", "Table: who is linked to what ({n})"),
    "net.table_hint": ("Kies een rij om het item uit de eerste kolom te openen.",
                       "Choose a row to open the entry of the first column."),
    "net.col.from": ("Item", "Entry"),
    "net.col.from_kind": ("Soort", "Kind"),
    "net.col.relation": ("Koppeling", "Link"),
    "net.col.to": ("Met", "With"),
    "net.col.to_kind": ("Soort (met)", "Kind (with)"),
    "net.selected": ("Gekozen in het netwerk", "Chosen in the network"),
    "net.decision_of": ("Je koos het besluit “{decision}”; dit is het item waarover het gaat.",
                        "You chose the decision “{decision}”; this is the entry it is about."),
    "net.to_card": ("Naar dit item in zijn sectie", "To this entry in its section"),
    "net.to_budget": ("Alle besluiten van de wijk", "All decisions of the neighbourhood"),
    "net.close": ("Sluiten", "Close"),
    "net.unknown_item": ("Dit item staat niet (meer) in deze wijk, of je mag het niet zien.",
                         "This entry is not (or no longer) in this neighbourhood, or you may not see it."),
}
