"""One palette for the whole app, so a class has the same colour on every page."""

# Okabe–Ito colours: distinguishable with the common forms of colour blindness.
CLASS_COLOURS = {
    "groot-zwaar": "#D55E00",
    "klein-zwaar": "#E69F00",
    "groot-licht": "#0072B2",
    "klein-licht": "#56B4E9",
}
SEQUENTIAL = "Viridis"
CONTEXT_FILL = "#D9D9D9"  # the rest of the city: grey and quiet
CONTEXT_LINE = "#BDBDBD"
BORDER = "#FFFFFF"
HIGHLIGHT = "#111111"
MISSING_FILL = "#F0F0F0"
