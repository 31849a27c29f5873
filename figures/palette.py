"""One palette for the whole app, so a class has the same colour on every page."""

from __future__ import annotations

from collections.abc import Iterable
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


def wijk_colours(classes: ClassScheme, wijk_classes: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """A colour per chosen wijk (`(wijk_id, klasse)` pairs, in the order to shade them): its class's colour
    when it is the only one of its class, else shades of that colour from dark to light.

    Shades differ in lightness, which the common forms of colour blindness still see. The Okabe–Ito hues
    come in related pairs (vermillion and orange, blue and sky blue): a class with a dark base colour is
    shaded mostly darker and one with a light base mostly lighter, so the shades of a pair never meet and
    two chosen wijken never share a colour (tests/test_readable_pages.py measures the distance in CIELAB)."""
    members: dict[str, list[str]] = {}
    for wijk_id, klasse in wijk_classes:
        members.setdefault(klasse if isinstance(klasse, str) else "", []).append(wijk_id)
    colours = {}
    for klasse, ids in members.items():
        base = class_colour(classes, klasse or None)
        low, high = SHADES_DARK if _lightness(base) < DARK_BELOW else SHADES_LIGHT
        for i, wijk_id in enumerate(ids):
            colours[wijk_id] = base if len(ids) == 1 else _shade(base, low + (high - low) * i / (len(ids) - 1))
    return colours


# How far the shades of one class go, as a mix with black (< 0) or white (> 0).
SHADES_DARK, SHADES_LIGHT = (-0.5, 0.1), (-0.1, 0.6)
DARK_BELOW = 60  # CIELAB L* of the base colour


def _shade(colour: str, amount: float) -> str:
    """`colour` mixed with black (amount < 0) or white (amount > 0), by |amount|."""
    mixed = [c * (1 + amount) if amount < 0 else c + (255 - c) * amount for c in _rgb(colour)]
    return "#" + "".join(f"{round(min(max(c, 0), 255)):02X}" for c in mixed)


def _rgb(colour: str) -> list[int]:
    return [int(colour[i:i + 2], 16) for i in (1, 3, 5)]


def _lightness(colour: str) -> float:
    """CIELAB L* (0 black, 100 white) of an sRGB colour."""
    linear = [(c / 255) / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y
