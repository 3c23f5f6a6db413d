"""The district map: the nine banners and districts drawn from the shipped outlines, with no map tiles.

`district_deck` is the one map builder (the Map page shades it; the story page uses it as a small
locator map). What pydeck cannot draw itself lives beside it: the legend and the classes it names
(legend.py), the text description and the project lists (lists.py); the static picture for the
slides is static.py.

Why no basemap: pydeck's default style and Streamlit's `map_style=None` both load a Carto style
from the internet. With `map_provider=None` and the default style sentinel, Streamlit draws no
basemap at all, so the browser requests nothing (checked by recording Chromium's requests).
"""

from __future__ import annotations

import json

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize
from pydeck.types import String

from components.maps.geo import bounds, fit_view
from components.maps.legend import COLOURS, METRICS, class_of
from components.maps.lists import bilingual_name
from components.render import render
from components.theme import INK, JUNGAR, JUNGAR_TINT, MAP_NEUTRAL, MUTED, WHITE
from core import fmt
from core.i18n import t
from core.places import JUNGAR_CODE

# A fixed view: the whole city fits a 330 x 280 px box, so it fits a 360-390 px phone (334-364 px of
# content width) and sits whole, with margins, in a wider canvas. deck.gl cannot fit bounds to the
# canvas from a JSON spec, and the server does not know the screen width, so one zoom serves both.
FIT_BOX_PX = (330, 280)
MAP_WIDTH_PX, MAP_HEIGHT_PX = 380, 330  # the canvas the Map page gives it
FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Sans", sans-serif'

# Kangbashi is too small at this scale to hold its label, and Dongsheng, Kangbashi and Ejin Horo meet
# in a few dozen pixels: Kangbashi's label sits just west of it (right-aligned), the other two shift a
# little so that no two labels overlap. (pixel offset, text anchor); the rest sit on their label points.
_LABEL_PLACEMENT = {
    "150603": ([-14, 0], "end"),
    "150602": ([6, 0], "middle"),
    "150627": ([0, 8], "middle"),
}


class CompactDeck(pdk.Deck):
    """A pydeck Deck whose JSON has no indentation.

    st.pydeck_chart sends `to_json()` as is; pydeck indents it (indent=2), which makes the district
    map about 4.5 times larger on the wire (277 KB instead of 62 KB) for no gain in the browser.
    """

    def to_json(self) -> str:
        if (frozen := self.__dict__.get("_frozen_json")) is not None:
            return frozen
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))

    def freeze(self) -> CompactDeck:
        """Serialise once and answer `to_json` from then on: for a deck cached and sent unchanged on every run."""
        self.__dict__.pop("_frozen_json", None)
        self._frozen_json = self.to_json()
        return self


def _rgba(hex_color: str, alpha: int = 255) -> list[int]:
    value = hex_color.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def _label_text(row: dict, lang: str) -> str:
    if lang != "en":
        return row["name_zh"]
    # Two short lines read better than one long line inside a small district.
    name = row["name_en"]
    for suffix in (" Banner", " District"):
        if name.endswith(suffix):
            return name.removesuffix(suffix) + "\n" + suffix.strip()
    return name


def _tooltip_lines(row: dict, lang: str) -> dict[str, str]:
    if not row["projects"]:
        return {"tip_title": bilingual_name(row, lang), "tip_projects": t("map.tip_none", lang), "tip_investment": ""}
    return {
        "tip_title": bilingual_name(row, lang),
        "tip_projects": t("map.tip_projects", lang, n=fmt.number(row["projects"], lang)),
        "tip_investment": t("map.tip_investment", lang, amount=fmt.money_yi(row["investment_yi"], lang)),
    }


def district_deck(
    districts: pd.DataFrame,
    lang: str,
    *,
    metric: str | None = "investment",
    highlight: str | None = JUNGAR_CODE,
    selected: str | None = None,
) -> CompactDeck:
    """The nine districts as a pydeck map without basemap tiles (compact JSON: see CompactDeck).

    districts: `core.data.districts()` (district_code, name_zh, name_en, kind, label_lon, label_lat,
    geometry_geojson, projects, investment_yi). metric: 'investment' or 'projects' shades the districts
    in the classes of `legend.legend_classes`; None draws a neutral fill (a locator map), with the highlighted
    district tinted. highlight: a district outlined in theme.JUNGAR (Jungar Banner by default).
    selected: a district outlined in ink. Labels are the names in `lang`; tooltips name the district in
    both languages with its project count and planned investment. The layer with the districts has the
    id 'districts', so a click selection (st.pydeck_chart on_select) returns its feature.
    """
    if metric is not None and metric not in METRICS:
        raise ValueError(f"unknown metric: {metric!r}")
    rows = districts.to_dict("records")
    features, labels = [], []
    for row in rows:
        code = str(row["district_code"])
        geometry = json.loads(row["geometry_geojson"])
        if metric is None:
            fill = _rgba(JUNGAR_TINT) if code == highlight else _rgba(MAP_NEUTRAL)
        else:
            value = row["investment_yi"] if metric == "investment" else row["projects"]
            fill = _rgba(COLOURS[class_of(value, metric)])
        properties = {
            "district_code": code,
            "name_zh": row["name_zh"],
            "name_en": row["name_en"],
            "projects": int(row["projects"]),
            "investment_yi": float(row["investment_yi"]),
            "fill": fill,
            **_tooltip_lines(row, lang),
        }
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
        offset, anchor = _LABEL_PLACEMENT.get(code, ([0, 0], "middle"))
        labels.append(
            {
                "district_code": code,
                "label": _label_text(row, lang),
                "position": [float(row["label_lon"]), float(row["label_lat"])],
                "offset": offset,
                "anchor": anchor,
                "color": _rgba(INK),
                # Jungar's label gets a vermillion frame: vermillion text on white would be too faint.
                "border": _rgba(JUNGAR if code == highlight else WHITE, 255 if code == highlight else 0),
                "border_width": 1.5 if code == highlight else 0,
            }
        )

    def outline(layer_id: str, codes: set[str], color: str, width: float) -> pdk.Layer:
        chosen = [f for f in features if f["properties"]["district_code"] in codes]
        return pdk.Layer(
            "GeoJsonLayer",
            id=layer_id,
            data={"type": "FeatureCollection", "features": chosen},
            filled=False,
            stroked=True,
            get_line_color=_rgba(color),
            line_width_units=String("pixels"),
            get_line_width=width,
            line_joint_rounded=True,
            pickable=False,
        )

    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            id="districts",
            data={"type": "FeatureCollection", "features": features},
            filled=True,
            stroked=True,
            get_fill_color="properties.fill",
            get_line_color=_rgba(WHITE),
            line_width_units=String("pixels"),
            get_line_width=1.2,
            pickable=True,
            auto_highlight=True,
            highlight_color=_rgba(WHITE, 70),
        )
    ]
    codes = {f["properties"]["district_code"] for f in features}
    if selected in codes:
        layers.append(outline("selected", {selected}, INK, 5 if selected == highlight else 3))
    if highlight in codes:
        layers.append(outline("highlight", {highlight}, JUNGAR, 2.5))
    layers.append(
        pdk.Layer(
            "TextLayer",
            id="labels",
            data=labels,
            get_position="position",
            get_text="label",
            get_color="color",
            get_size=11 if lang == "en" else 12,
            size_units=String("pixels"),
            get_pixel_offset="offset",
            get_text_anchor="anchor",
            get_alignment_baseline=String("center"),
            line_height=1.05,
            font_family=String(FONT_FAMILY),
            font_weight=600,
            # 'auto' builds the glyph atlas from the labels themselves, so Chinese names get their glyphs.
            character_set=String("auto"),
            background=True,
            get_background_color=_rgba(WHITE, 215),
            background_padding=[3, 1, 3, 1],
            get_border_color="border",
            get_border_width="border_width",
            pickable=False,
        )
    )
    view = fit_view(bounds([f["geometry"] for f in features]), *FIT_BOX_PX)
    tooltip = {
        "html": str(render("maps/tooltip.html")),
        "style": {
            "backgroundColor": WHITE,
            "color": INK,
            "fontFamily": FONT_FAMILY,
            "fontSize": "13px",
            "lineHeight": "1.4",
            "border": f"1px solid {MUTED}",
            "borderRadius": "4px",
            "padding": "6px 8px",
            "maxWidth": "240px",
            "whiteSpace": "normal",
        },
    }
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(**view, pitch=0, bearing=0),
        # A fixed view: no pan or zoom that could trap a phone visitor's scrolling.
        views=[pdk.View(type="MapView", controller=False)],
        map_provider=None,
        tooltip=tooltip,
    )
