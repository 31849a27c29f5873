"""The huurgrenzen table: the rent limits of each year (kale huur, € per month, from 1 January).

2011–2015 from the text of the Wet op de huurtoeslag in force on 1 January (or the first version of
that year), 2016 from secondary sources quoting the ministry's circular; each row names its source.
"""

from __future__ import annotations

import re

import pandas as pd

# grens in the package -> column of the shared file
LIMITS = {
    "kwaliteitskortingsgrens": "kwaliteitskortingsgrens",
    "aftoppingsgrens_laag": "aftoppingsgrens_laag_1_2p",
    "aftoppingsgrens_hoog": "aftoppingsgrens_hoog_3plus",
    "liberalisatiegrens": "liberalisatiegrens_max_huurgrens",
}
LAW = ("Wet op de huurtoeslag (BWBR0008659), art. 13 lid 1 (a, b) en art. 20 lid 1-2, tekst van {date} "
       "(statengeneraal/laws-markdown @ {commit})")
SECONDARY = "Circulaire BZK november 2015, geciteerd door {sites}"
SECONDARY_NOTE = ("uit een secundaire bron: websites die de circulaire van BZK (november 2015) aanhalen, "
                  "niet de wettekst")
LIBERALISATION_NOTE = ("de maximale huurgrens van de Wet op de huurtoeslag, die het Besluit huurprijzen "
                       "woonruimte (art. 2) de liberalisatiegrens maakt")
_LAW_SOURCE = re.compile(r"@ (?P<commit>[0-9a-f]{40}) \(law version dated (?P<date>\d{4}-\d{2}-\d{2})\)")


def build_huurgrenzen(shared: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for record in shared.to_dict("records"):
        source, secondary = _source(str(record["source"]))
        for limit, column in LIMITS.items():
            notes = [SECONDARY_NOTE] if secondary else []
            if limit == "liberalisatiegrens":
                notes.append(LIBERALISATION_NOTE)
            rows.append({"jaar": int(record["year"]), "grens": limit, "bedrag": float(record[column]),
                         "bron": source, "opmerking": "; ".join(notes)})
    return pd.DataFrame(rows).sort_values(["jaar", "bedrag"], kind="stable").reset_index(drop=True)


def _source(text: str) -> tuple[str, bool]:
    """The row's source in Dutch, and whether it is a secondary one."""
    law = _LAW_SOURCE.search(text)
    if law:
        return LAW.format(date=law["date"], commit=law["commit"]), False
    sites = re.findall(r"https?://([^/\s]+)", text)
    return SECONDARY.format(sites=" en ".join(dict.fromkeys(sites)) or text), True
