"""Geometry helpers: indicative buurt and wijk outlines built from point data."""
