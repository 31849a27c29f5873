"""Slugs: the stable, URL-safe ids of wijken and entries (`de-wijert`, `corpus-den-hoorn`)."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """`"Corpus den Hoorn"` -> `"corpus-den-hoorn"`; accents are dropped (`"Café"` -> `"cafe"`)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub("-", ascii_name.lower()).strip("-")


def normalise_wijk_param(value: str | None) -> str | None:
    """Accept what people type in a URL: `?wijk=De Wijert`, `?wijk=de_wijert`, `?wijk=DE-WIJERT`."""
    if value is None:
        return None
    cleaned = slug(value)  # `_`, spaces and case go as every other character outside a-z0-9 does
    return cleaned or None
