"""One palette for the whole app, so a class has the same colour on every page."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nla_data.facts import ClassScheme

# Okabe–Ito colours: distinguishable with the common forms of colour blindness. A class gets the colour
# of its place in the package's order (wijkperspectief.klassen.volgorde), so a package with other
# classes still gets distinct colours; the first four are the report's four classes.
CLASS_PALETTE = ("#D55E00", "#E69F00", "#0072B2", "#56B4E9", "#009E73", "#CC79A7", "#F0E442", "#000000")
NO_CLASS = "#9E9E9E"  # a key that is not one of the package's classes
SEQUENTIAL = "Viridis"
CONTEXT_FILL = "#D9D9D9"  # the rest of the city: grey and quiet
CONTEXT_LINE = "#BDBDBD"
BORDER = "#FFFFFF"
HIGHLIGHT = "#111111"
MISSING_FILL = "#F0F0F0"


def class_colours(classes: ClassScheme) -> dict[str, str]:
    """Each class key of the package and its colour."""
    return {key: CLASS_PALETTE[i % len(CLASS_PALETTE)] for i, key in enumerate(classes.keys)}


def class_colour(classes: ClassScheme, key: str | None) -> str:
    position = classes.position(key) if key is not None else None
    return NO_CLASS if position is None else CLASS_PALETTE[position % len(CLASS_PALETTE)]
