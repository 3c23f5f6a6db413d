"""The districts' outlines as plane geometry: their bounding box, Web Mercator, and the view that fits them.

Shared by the interactive map (deck.py) and the static picture (static.py), so that both frame the city alike.
"""

from __future__ import annotations

import math


def mercator_y(lat: float) -> float:
    """Web Mercator's y of a latitude (in radians of the projected plane)."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def bounds(geometries: list[dict]) -> tuple[float, float, float, float]:
    """West, south, east and north of GeoJSON polygons and multipolygons."""
    xs, ys = [], []
    for geometry in geometries:
        rings = geometry["coordinates"] if geometry["type"] == "Polygon" else [r for p in geometry["coordinates"] for r in p]
        for ring in rings:
            for lon, lat in ring:
                xs.append(lon)
                ys.append(lat)
    return min(xs), min(ys), max(xs), max(ys)


def fit_view(box: tuple[float, float, float, float], width: int, height: int) -> dict:
    """Centre and zoom (deck.gl's 512 px world) that fit `box` (W, S, E, N) into width x height pixels."""
    west, south, east, north = box
    y_south, y_north = mercator_y(south), mercator_y(north)
    zoom_x = math.log2(width * 360 / (512 * (east - west)))
    zoom_y = math.log2(height * 2 * math.pi / (512 * (y_north - y_south)))
    centre_lat = math.degrees(2 * math.atan(math.exp((y_south + y_north) / 2)) - math.pi / 2)
    return {"longitude": round((west + east) / 2, 4), "latitude": round(centre_lat, 4), "zoom": round(min(zoom_x, zoom_y), 3)}
