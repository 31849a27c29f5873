"""The steps of `scripts/build_package.py`, one module each: the sources, the indicator declarations,
the wijken and buurten, the 2015 figures, the illustrative housing figures, the rent limits and the
boundaries. Build-time only: the app never imports this (nor reads ../shared/data)."""
