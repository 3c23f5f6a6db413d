"""The district map: the nine banners and districts drawn from the shipped outlines, with no map tiles.

`district_deck` is the one map builder (the Map page shades it; the story page uses it as a small
locator map). The rest are pure helpers for what pydeck cannot draw itself: the legend, the text
description and the project lists. Every data value that reaches HTML is escaped here.

Why no basemap: pydeck's default style and Streamlit's `map_style=None` both load a Carto style
from the internet. With `map_provider=None` and the default style sentinel, Streamlit draws no
basemap at all, so the browser requests nothing (checked by recording Chromium's requests).
"""

from __future__ import annotations

import json
import math
from html import escape
from itertools import pairwise

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize
from pydeck.types import String

from components.theme import ACTION_COLORS, INK, JUNGAR, MUTED
from core import fmt
from core.i18n import col, t
from core.places import JUNGAR_CODE

METRICS = ("investment", "projects")

# Class breaks (lower bounds of the classes above zero). Zero is its own class: "no project names it".
# Investment in 亿元; the gaps between the district totals fall at these round numbers.
BREAKS = {"investment": (400.0, 500.0, 600.0), "projects": (3, 5, 7)}
# Light to dark, YlGnBu-like: readable under the white label pills and distinct from Jungar's vermillion.
CLASS_COLORS = ("#c7e9b4", "#7fcdbb", "#41b6c4", "#225ea8")
ZERO_COLOR = "#e9e7e1"
NEUTRAL_COLOR = "#dfe6df"
BORDER_COLOR = "#ffffff"

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


def class_of(value: float, metric: str) -> int:
    """The class index of a district value: 0 for zero (no project names it), then 1 to len(breaks)+1."""
    if not value or value <= 0:
        return 0
    return 1 + sum(value >= b for b in BREAKS[metric])


def _break_text(value: float, metric: str, lang: str) -> str:
    if metric == "projects":
        return fmt.number(value, lang)
    # The legend's unit is 亿元 in Chinese and CNY billion in English (as core.fmt.money_yi writes money).
    return fmt.number(value / 10 if lang == "en" else value, lang)


def legend_classes(metric: str, lang: str) -> list[tuple[str, str]]:
    """(colour, label) for every class of `metric`, zero first; the unit is in `legend_title`."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric: {metric!r}")
    breaks = BREAKS[metric]
    labels = [t("map.class_zero", lang)]
    if metric == "projects":
        labels.append(t("map.class_range", lang, low=_break_text(1, metric, lang), high=_break_text(breaks[0] - 1, metric, lang)))
        for low, high in pairwise(breaks):
            labels.append(t("map.class_range", lang, low=_break_text(low, metric, lang), high=_break_text(high - 1, metric, lang)))
    else:
        labels.append(t("map.class_below", lang, high=_break_text(breaks[0], metric, lang)))
        for low, high in pairwise(breaks):
            labels.append(t("map.class_between", lang, low=_break_text(low, metric, lang), high=_break_text(high, metric, lang)))
    labels.append(t("map.class_above", lang, low=_break_text(breaks[-1], metric, lang)))
    return list(zip((ZERO_COLOR, *CLASS_COLORS), labels, strict=True))


def money_total(frame: pd.DataFrame, lang: str) -> str:
    """The sum of `investment_yi` formatted for the language; rounded first so that float sums such as
    419.26300000000003 print as the document's 419.263."""
    return fmt.money_yi(round(float(frame["investment_yi"].sum()), 6), lang)


def legend_title(metric: str, lang: str) -> str:
    return t(f"map.legend_{metric}", lang)


def district_name(row: dict, lang: str) -> str:
    """The district's name in the page language."""
    return row[col(lang, "name")]


def bilingual_name(row: dict, lang: str) -> str:
    """zh: '准格尔旗 Jungar Banner'; en: 'Jungar Banner (准格尔旗)' (a Chinese proper name may follow in parentheses)."""
    return f"{row['name_en']} ({row['name_zh']})" if lang == "en" else f"{row['name_zh']} {row['name_en']}"


def _label_text(row: dict, lang: str) -> str:
    if lang != "en":
        return row["name_zh"]
    # Two short lines read better than one long line inside a small district.
    name = row["name_en"]
    for suffix in (" Banner", " District"):
        if name.endswith(suffix):
            return name.removesuffix(suffix) + "\n" + suffix.strip()
    return name


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _bounds(geometries: list[dict]) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for geometry in geometries:
        rings = geometry["coordinates"] if geometry["type"] == "Polygon" else [r for p in geometry["coordinates"] for r in p]
        for ring in rings:
            for lon, lat in ring:
                xs.append(lon)
                ys.append(lat)
    return min(xs), min(ys), max(xs), max(ys)


def fit_view(bounds: tuple[float, float, float, float], width: int, height: int) -> dict:
    """Centre and zoom (deck.gl's 512 px world) that fit `bounds` (W, S, E, N) into width x height pixels."""
    west, south, east, north = bounds
    y_south, y_north = _mercator_y(south), _mercator_y(north)
    zoom_x = math.log2(width * 360 / (512 * (east - west)))
    zoom_y = math.log2(height * 2 * math.pi / (512 * (y_north - y_south)))
    centre_lat = math.degrees(2 * math.atan(math.exp((y_south + y_north) / 2)) - math.pi / 2)
    return {"longitude": round((west + east) / 2, 4), "latitude": round(centre_lat, 4), "zoom": round(min(zoom_x, zoom_y), 3)}


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
    in the classes of `legend_classes`; None draws a neutral fill (a locator map), with the highlighted
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
            fill = _rgba(JUNGAR, 90) if code == highlight else _rgba(NEUTRAL_COLOR)
        else:
            value = row["investment_yi"] if metric == "investment" else row["projects"]
            fill = _rgba((ZERO_COLOR, *CLASS_COLORS)[class_of(value, metric)])
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
                "border": _rgba(JUNGAR if code == highlight else "#ffffff", 255 if code == highlight else 0),
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
            get_line_color=_rgba(BORDER_COLOR),
            line_width_units=String("pixels"),
            get_line_width=1.2,
            pickable=True,
            auto_highlight=True,
            highlight_color=[255, 255, 255, 70],
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
            get_background_color=[255, 255, 255, 215],
            background_padding=[3, 1, 3, 1],
            get_border_color="border",
            get_border_width="border_width",
            pickable=False,
        )
    )
    view = fit_view(_bounds([f["geometry"] for f in features]), *FIT_BOX_PX)
    tooltip = {
        "html": "<b>{tip_title}</b><br/>{tip_projects}<br/>{tip_investment}",
        "style": {
            "backgroundColor": "#ffffff",
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


def legend_html(metric: str | None, lang: str, *, highlight: bool = True, selected_name: str | None = None) -> str:
    """The map's legend as HTML: the class swatches with their breaks and unit, then the outlines."""
    items = []
    if metric is not None:
        for color, label in legend_classes(metric, lang):
            items.append(f'<li><span class="sw" style="background:{escape(color)}"></span>{escape(label)}</li>')
    if highlight:
        items.append(f'<li><span class="sw ring" style="border-color:{JUNGAR}"></span>{escape(t("map.legend_jungar", lang))}</li>')
    if selected_name:
        items.append(
            f'<li><span class="sw ring" style="border-color:{INK}"></span>{escape(t("map.legend_selected", lang, name=selected_name))}</li>'
        )
    title = f'<div class="t">{escape(legend_title(metric, lang))}</div>' if metric is not None else ""
    return (
        "<style>.ordos-legend{font-size:.9rem;margin:.2rem 0 .6rem}.ordos-legend .t{font-weight:600;margin-bottom:.3rem}"
        ".ordos-legend ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .9rem}"
        ".ordos-legend li{display:flex;align-items:center;gap:.4rem;margin:0}"
        ".ordos-legend .sw{display:inline-block;width:1.1rem;height:.85rem;border:1px solid #9aa5ab;border-radius:2px}"
        ".ordos-legend .ring{background:transparent;border-width:3px}</style>"
        f'<div class="ordos-legend">{title}<ul>{"".join(items)}</ul></div>'
    )


def description(districts: pd.DataFrame, metric: str, lang: str) -> str:
    """A text description of the shaded map: every district with its value, largest first."""
    key = "investment_yi" if metric == "investment" else "projects"
    ranked = districts.sort_values([key, "district_code"], ascending=[False, True]).to_dict("records")
    values = [
        t("map.desc_item", lang, name=district_name(r, lang), projects=fmt.number(r["projects"], lang),
          amount=fmt.money_yi(r["investment_yi"], lang))
        if r["projects"]
        else t("map.desc_item_zero", lang, name=district_name(r, lang))
        for r in ranked
    ]  # fmt: skip
    return t(f"map.desc_{metric}", lang, items=t("map.desc_sep", lang).join(values))


def project_list_html(projects: pd.DataFrame, lang: str, action_names: dict[int, str], *, place: bool = False) -> str:
    """Projects as a list: number and name (linked to the Projects page), amount, and the key action
    with its colour swatch (the name is written out, so colour is not the only cue).

    With `place`, each item also shows the location as the plan writes it.
    """
    items = []
    for row in projects.to_dict("records"):
        no = int(row["project_no"])
        action = int(row["action_no"])
        href = f"projects?project={no}&lang={lang}"
        swatch = f'<i style="background:{escape(ACTION_COLORS.get(action, MUTED))}"></i>'
        where = ""
        if place:
            where = f'<div class="w">{escape(" ".join(str(row[col(lang, "location")]).split()))}</div>'
        items.append(
            f'<li><div class="h"><a href="{escape(href)}" target="_self">{no}. {escape(row[col(lang, "name")])}</a>'
            f'<span class="m">{escape(fmt.money_yi(row["investment_yi"], lang))}</span></div>'
            f'<div class="a">{swatch}{escape(action_names.get(action, str(action)))}</div>{where}</li>'
        )
    return (
        "<style>ul.ordos-plist{list-style:none;margin:.2rem 0 .8rem !important;padding:0 !important}"
        "ul.ordos-plist li{padding:.45rem 0;border-bottom:1px solid #e3e6e8;margin:0 !important}"
        ".ordos-plist .h{display:flex;justify-content:space-between;gap:.8rem;align-items:baseline}"
        ".ordos-plist .h a{color:#0b5a8a;text-decoration:none;min-width:0;overflow-wrap:anywhere}"
        ".ordos-plist .h a:hover{text-decoration:underline}"
        ".ordos-plist .m{white-space:nowrap;font-weight:600}"
        ".ordos-plist .a,.ordos-plist .w{color:#5b6770;font-size:.85rem;margin-top:.15rem;line-height:1.35}"
        ".ordos-plist .a i{display:inline-block;width:.7rem;height:.7rem;border-radius:2px;margin-right:.35rem;"
        "vertical-align:-.05rem}</style>"
        f'<ul class="ordos-plist">{"".join(items)}</ul>'
    )
