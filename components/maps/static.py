"""The nine districts as an Altair geoshape map: a picture for slides and the PowerPoint deck.

The interactive map (components/maps/deck.py) is pydeck, which draws in the browser with WebGL; slides need
the same picture as SVG (kiosk, presenter) and PNG (deck), rendered offline with vl-convert. This map
uses the same outlines, classes and colours as the Map page (components.maps.legend, .geo), so both tell one story.
Pure: (districts, lang, ...) -> alt.LayerChart; lang may be 'zh', 'en' or 'both' (Chinese over English).
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Mapping

import altair as alt
import pandas as pd

from components.maps import legend
from components.maps.geo import bounds, mercator_y
from components.theme import FONT, INK, JUNGAR, JUNGAR_TINT, MUTED, RULE, WHITE
from core.places import JUNGAR_CODE
from core.text import wrap_lines

NEUTRAL = "#e4e9e1"  # the slides' locator ground: a touch lighter than theme.MAP_NEUTRAL ("#dfe6df")
LABEL_PX, LABEL_SUB_PX, LEGEND_PX = 24, 20, 22
# Kangbashi is a sliver next to Dongsheng and Ejin Horo: its label sits west of it, right-aligned, and the
# two neighbours' labels move apart (pixel offsets at the slide's scale).
_LABEL_SHIFT = {"150603": (-24, 16, "right"), "150602": (6, -14, "center"), "150627": (0, 30, "center"), "150622": (26, 44, "center")}


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def d3_winding(geometry: dict) -> dict:
    """The geometry with rings wound as d3-geo expects (exterior clockwise, holes anticlockwise).

    GeoJSON files follow RFC 7946 (exterior anticlockwise); d3 would then fill the whole globe but the district.
    """

    def polygon(rings: list) -> list:
        out = []
        for i, ring in enumerate(rings):
            clockwise = _signed_area(ring) < 0
            want_clockwise = i == 0
            out.append(ring if clockwise == want_clockwise else ring[::-1])
        return out

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": polygon(geometry["coordinates"])}
    return {"type": "MultiPolygon", "coordinates": [polygon(p) for p in geometry["coordinates"]]}


def _label(row: dict, lang: str) -> tuple[str, str]:
    if lang == "both":
        return row["name_zh"], row["name_en"]
    return (row["name_en"] if lang == "en" else row["name_zh"]), ""


def legend_labels(metric: str, lang: str) -> list[tuple[str, str]]:
    """(colour, label) of each class, as the Map page's legend; 'both' joins Chinese and English lines."""
    if lang != "both":
        return legend.legend_classes(metric, lang)
    zh, en = legend.legend_classes(metric, "zh"), legend.legend_classes(metric, "en")
    return [(c, f"{a}\n{b}") for (c, a), (_, b) in zip(zh, en, strict=True)]


def legend_title(metric: str, lang: str) -> list[str]:
    """The legend's title (what is shaded, and the unit) in lines that fit beside the map."""
    langs = ("zh", "en") if lang == "both" else (lang,)
    return [line for code in langs for line in wrap_lines(legend.legend_title(metric, code), 36)]


def district_map(
    districts: pd.DataFrame,
    lang: str,
    *,
    metric: str | None = "investment",
    size: tuple[int, int] = (700, 700),
    links: Mapping[str, str] | None = None,
    legend_beside: bool = True,
) -> alt.LayerChart:
    """The districts, shaded by `metric` ('investment' or 'projects', as on the Map page) or neutral (None),
    Jungar Banner outlined in vermillion, each district named. With a metric, a legend on the right gives
    the classes with their unit, and the Jungar outline.

    districts: `core.data.districts()`; size: the map's width and height in slide pixels (1080p).
    links: district code -> address, to make each district (its shape and its name) a link (the phone edition's
    SVG map; the slides have none); legend_beside=False leaves the legend out (the page gives it in HTML).
    """
    features, labels = [], []
    colours = dict(legend.legend_classes(metric, "zh")) if metric else {}
    class_colours = list(colours)
    shown = legend_labels(metric, lang) if metric else []
    for row in districts.to_dict("records"):
        code = str(row["district_code"])
        if metric:
            value = row["investment_yi"] if metric == "investment" else row["projects"]
            index = legend.class_of(value, metric)
            fill, klass = class_colours[index], shown[index][1]
        else:
            fill, klass = (JUNGAR_TINT if code == JUNGAR_CODE else NEUTRAL), ""
        props = {"code": code, "fill": fill, "klass": klass, "jungar": code == JUNGAR_CODE}
        if links:
            props |= {"href": links[code], "name": " ".join(_label(row, lang)).strip()}
        features.append({"type": "Feature", "geometry": d3_winding(json.loads(row["geometry_geojson"])), "properties": props})
        dx, dy, align = _LABEL_SHIFT.get(code, (0, 0, "center"))
        name, sub = _label(row, lang)
        labels.append(
            {
                "lon": float(row["label_lon"]),
                "lat": float(row["label_lat"]),
                "name": name,
                "sub": sub,
                "dx": dx,
                "dy": dy,
                "align": align,
                "jungar": code == JUNGAR_CODE,
            }
            | ({"href": links[code]} if links else {})
        )
    width, height = size
    shapes = alt.Chart(alt.Data(values=features)).mark_geoshape(stroke=WHITE, strokeWidth=1.5)
    if metric:
        domain = [label for _, label in shown]
        shapes = shapes.encode(
            color=alt.Color(
                "properties.klass:N",
                scale=alt.Scale(domain=domain, range=[c for c, _ in shown]),
                legend=None
                if not legend_beside
                else alt.Legend(
                    title=legend_title(metric, lang),
                    orient="right",
                    direction="vertical",
                    columns=1,
                    labelFontSize=LEGEND_PX,
                    titleFontSize=LEGEND_PX,
                    titleFontWeight=600,
                    titleColor=INK,
                    labelColor=INK,
                    titleLimit=440,
                    labelLimit=440,
                    symbolSize=600,
                    symbolType="square",
                    symbolStrokeColor=RULE,
                    symbolStrokeWidth=1,
                    labelExpr="split(datum.label, '\\n')",
                    rowPadding=10,
                    titlePadding=14,
                    offset=24,
                ),
            )
        )
    else:
        shapes = shapes.encode(color=alt.Color("properties.fill:N", scale=None))
    if links:
        shapes = shapes.encode(href="properties.href:N", description="properties.name:N")
    jungar = alt.Chart(alt.Data(values=[f for f in features if f["properties"]["jungar"]])).mark_geoshape(
        filled=False, stroke=JUNGAR, strokeWidth=5
    )
    frame = _placed(pd.DataFrame(labels), [f["geometry"] for f in features], size)
    return_layers = [shapes, jungar]
    two_lines = bool(frame["sub"].astype(bool).any())
    lines = [("name", -(LABEL_PX + 2) / 2 if two_lines else 0, LABEL_PX, 700)]
    if two_lines:
        lines.append(("sub", (LABEL_SUB_PX + 2) / 2 + 2, LABEL_SUB_PX, 500))
    for column, dy, px, weight in lines:
        for align, part in frame.groupby("align", sort=True):
            for halo in (True, False):
                mark = alt.Chart(part).mark_text(
                    align=align,
                    baseline="middle",
                    dy=dy,
                    fontSize=px,
                    fontWeight=weight,
                    strokeJoin="round",
                    stroke=WHITE if halo else None,
                    strokeWidth=6 if halo else 0,
                )
                colour = alt.value(WHITE) if halo else alt.Color(f"{column}_color:N", scale=None)
                mark = mark.encode(longitude="lon:Q", latitude="lat:Q", text=f"{column}:N", color=colour)
                return_layers.append(mark.encode(href="href:N") if links else mark)
    layers = return_layers
    chart = alt.layer(*layers).properties(width=width, height=height, projection=alt.Projection(type="mercator"))
    return chart.configure(font=FONT, background=WHITE + "00").configure_view(stroke=None)


def _placed(frame: pd.DataFrame, geometries: list[dict], size: tuple[int, int]) -> pd.DataFrame:
    """Labels moved by their pixel shift, converted to degrees at the scale the map is fitted to
    (Vega-Lite's text offsets are per mark, not per datum); Jungar's name in vermillion."""
    west, south, east, north = bounds(geometries)
    y0, y1 = mercator_y(south), mercator_y(north)
    px_per_unit = min(size[0] / math.radians(east - west), size[1] / (y1 - y0))
    out = frame.copy()
    out["lon"] = out["lon"] + [math.degrees(dx / px_per_unit) for dx in out["dx"]]
    ys = [mercator_y(lat) - dy / px_per_unit for lat, dy in zip(out["lat"], out["dy"], strict=True)]
    out["lat"] = [math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2) for y in ys]
    out["name_color"] = [JUNGAR if j else INK for j in out["jungar"]]
    out["sub_color"] = MUTED
    return out
