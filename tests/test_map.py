"""The district map builder and its helpers, without a server: data, colours, labels, view, no basemap."""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest

from components.maps import deck as dmap
from components.maps import legend, lists
from components.render import stylesheet
from components.theme import ACTION_COLORS, INK, JUNGAR, JUNGAR_TINT, MAP_CLASSES, MAP_NEUTRAL, MAP_ZERO, palette
from core import data

JUNGAR_CODE = "150622"


@pytest.fixture(scope="module")
def districts() -> pd.DataFrame:
    return data.districts()


def features(deck, layer_id: str = "districts") -> dict[str, dict]:
    layer = next(layer for layer in deck.layers if layer.id == layer_id)
    return {f["properties"]["district_code"]: f for f in layer.data["features"]}


def layer_ids(deck) -> list[str]:
    return [layer.id for layer in deck.layers]


def rgba(hex_color: str, alpha: int = 255) -> list[int]:
    return [int(hex_color[i : i + 2], 16) for i in (1, 3, 5)] + [alpha]


def test_district_figures_come_from_the_plan(districts, con):
    # Annex 5: the projects whose location names each district, each counted in full.
    by_code = districts.set_index("district_code")
    assert by_code.loc[JUNGAR_CODE, "projects"] == 7
    assert by_code.loc[JUNGAR_CODE, "investment_yi"] == pytest.approx(542.43)
    assert by_code.loc["150623", "investment_yi"] == pytest.approx(788.72)  # Otog Front: includes Huaxing's 368
    assert by_code.loc["150603", "projects"] == 0  # Kangbashi: only whole-city projects
    expected = con.execute(
        """SELECT d.district_code, count(p.project_no), coalesce(sum(p.investment_yi), 0) FROM districts d
           LEFT JOIN project_districts pd ON pd.district_code = d.district_code AND pd.basis IN ('named', 'gazetteer')
           LEFT JOIN projects p USING (project_no) GROUP BY 1 ORDER BY 1"""
    ).fetchall()
    got = features(dmap.district_deck(districts, "en"))
    assert [(c, got[c]["properties"]["projects"], pytest.approx(got[c]["properties"]["investment_yi"])) for c, _, _ in expected] == [
        (c, n, pytest.approx(s)) for c, n, s in expected
    ]


def test_no_basemap_and_nothing_from_the_internet(districts):
    for metric in ("investment", "projects", None):
        deck = district_deck_json(districts, metric)
        # pydeck's sentinel: Streamlit drops it and draws no basemap. map_style=None would load Carto's style.
        assert deck["mapStyle"] == "__MAP_STYLE__"
        assert "mapProvider" not in deck
        text = json.dumps(deck)
        assert "cartocdn" not in text and "mapbox" not in text and "http" not in text


def district_deck_json(districts, metric, lang="zh", **kw) -> dict:
    return json.loads(dmap.district_deck(districts, lang, metric=metric, **kw).to_json())


def test_investment_classes_and_colours(districts):
    fills = {code: f["properties"]["fill"] for code, f in features(dmap.district_deck(districts, "zh")).items()}
    zero, c1, c2, c3, c4 = (rgba(c) for c in (MAP_ZERO, *MAP_CLASSES))
    assert fills == {
        "150602": c2,  # Dongsheng 481.76
        "150603": zero,  # Kangbashi 0
        "150621": c2,  # Dalad 485.92
        "150622": c3,  # Jungar 542.43
        "150623": c4,  # Otog Front 788.72
        "150624": c2,  # Otog 448.36
        "150625": c3,  # Hanggin 545.45
        "150626": c2,  # Uxin 410.61
        "150627": c1,  # Ejin Horo 32.08
    }


def test_project_count_classes(districts):
    fills = {code: f["properties"]["fill"] for code, f in features(dmap.district_deck(districts, "en", metric="projects")).items()}
    zero, c1, c2, c3, c4 = (rgba(c) for c in (MAP_ZERO, *MAP_CLASSES))
    assert fills["150621"] == c4  # Dalad: 8 projects
    assert fills[JUNGAR_CODE] == c4  # 7
    assert fills["150602"] == c3  # Dongsheng: 5
    assert fills["150626"] == c2  # Uxin: 3
    assert fills["150627"] == c1  # Ejin Horo: 2
    assert fills["150603"] == zero


def test_class_boundaries_belong_to_the_upper_class():
    assert [legend.class_of(v, "investment") for v in (0, 0.1, 399.99, 400, 499.99, 500, 600, 5000)] == [0, 1, 1, 2, 2, 3, 4, 4]
    assert [legend.class_of(v, "projects") for v in (0, 1, 2, 3, 4, 5, 6, 7, 30)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_neutral_locator_map_tints_only_jungar(districts):
    deck = dmap.district_deck(districts, "zh", metric=None)
    fills = {code: f["properties"]["fill"] for code, f in features(deck).items()}
    assert fills.pop(JUNGAR_CODE) == rgba(JUNGAR_TINT)  # Jungar on the map's light ground: theme's one tint
    assert all(fill == rgba(MAP_NEUTRAL) for fill in fills.values())


def test_jungar_outlined_in_its_colour_and_selection_outlined_in_ink(districts):
    deck = dmap.district_deck(districts, "en", selected="150625")
    assert layer_ids(deck) == ["districts", "selected", "highlight", "labels"]
    highlight = next(layer for layer in deck.layers if layer.id == "highlight")
    assert list(features(deck, "highlight")) == [JUNGAR_CODE]
    assert highlight.get_line_color == rgba(JUNGAR)
    assert list(features(deck, "selected")) == ["150625"]
    assert next(layer for layer in deck.layers if layer.id == "selected").get_line_color == rgba(INK)
    # Only the districts answer hover and click (labels and outlines must not swallow a click).
    assert [layer.pickable for layer in deck.layers] == [True, False, False, False]


def test_unknown_selection_or_highlight_draws_no_outline(districts):
    assert layer_ids(dmap.district_deck(districts, "en", selected="999999")) == ["districts", "highlight", "labels"]
    assert layer_ids(dmap.district_deck(districts, "en", highlight=None)) == ["districts", "labels"]


def test_unknown_metric_is_refused(districts):
    with pytest.raises(ValueError):
        dmap.district_deck(districts, "en", metric="population")


def test_labels_in_the_page_language_with_cjk_glyphs(districts):
    zh = next(layer for layer in district_deck_json(districts, "investment", "zh")["layers"] if layer["id"] == "labels")
    assert sorted(item["label"] for item in zh["data"]) == sorted(districts.name_zh)
    assert zh["characterSet"] == "auto"  # the glyph atlas is built from the labels, Chinese included
    assert zh["fontFamily"].startswith('"Noto Sans CJK SC"') and "Microsoft YaHei" in zh["fontFamily"]
    assert zh["sizeUnits"] == "pixels"  # a constant, not a data accessor ('@@=pixels')
    en = next(layer for layer in district_deck_json(districts, "investment", "en")["layers"] if layer["id"] == "labels")
    labels = {item["district_code"]: item["label"] for item in en["data"]}
    assert labels[JUNGAR_CODE] == "Jungar\nBanner" and labels["150623"] == "Otog Front\nBanner"
    assert labels["150603"] == "Kangbashi\nDistrict"
    assert not any(re.search(r"[\u4e00-\u9fff]", text) for text in labels.values())
    jungar = next(item for item in en["data"] if item["district_code"] == JUNGAR_CODE)
    assert jungar["border"] == rgba(JUNGAR) and jungar["border_width"] > 0


def test_bilingual_tooltips(districts):
    en = features(dmap.district_deck(districts, "en"))[JUNGAR_CODE]["properties"]
    assert en["tip_title"] == "Jungar Banner (准格尔旗)"
    assert en["tip_projects"] == "Projects naming it: 7"
    assert en["tip_investment"] == "Their planned investment: CNY 54.24 billion"
    zh = features(dmap.district_deck(districts, "zh"))[JUNGAR_CODE]["properties"]
    assert zh["tip_title"] == "准格尔旗 Jungar Banner"
    assert zh["tip_investment"] == "计划投资合计：542.43 亿元"
    kangbashi = features(dmap.district_deck(districts, "en"))["150603"]["properties"]
    assert kangbashi["tip_projects"] == "No project's location names it" and kangbashi["tip_investment"] == ""
    tooltip = dmap.district_deck(districts, "en")._tooltip
    assert set(re.findall(r"{(\w+)}", tooltip["html"])) == {"tip_title", "tip_projects", "tip_investment"}


def test_fixed_view_fits_ordos_on_a_phone(districts):
    view = dmap.district_deck(districts, "en").initial_view_state
    assert 106.4 < view.longitude < 111.5 and 37.6 < view.latitude < 40.9
    scale = 512 * 2**view.zoom / 360  # pixels per degree of longitude
    west, south, east, north = 106.4825, 37.6217, 111.4627, 40.8743  # the outlines' bounding box

    def y(lat: float) -> float:
        return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))

    width, height = (east - west) * scale, (y(north) - y(south)) * scale
    assert width <= dmap.FIT_BOX_PX[0] + 0.5 and height <= dmap.FIT_BOX_PX[1] + 0.5
    assert max(width / dmap.FIT_BOX_PX[0], height / dmap.FIT_BOX_PX[1]) > 0.99  # fitted, not just small
    assert width < 390 - 2 * 12.8  # a 390 px phone's content width
    assert height < dmap.MAP_HEIGHT_PX
    # The whole city is inside the canvas around the centre, on both sides.
    assert abs((west + east) / 2 - view.longitude) < 0.01


def test_view_never_pans_or_zooms(districts):
    deck = district_deck_json(districts, "investment")
    assert deck["views"] == [{"@@type": "MapView", "controller": False}]


def test_legend_classes_and_units():
    assert [label for _, label in legend.legend_classes("investment", "en")] == [
        "0 (no project names it)", "under 40", "40 to under 50", "50 to under 60", "60 or more",
    ]  # fmt: skip
    assert [label for _, label in legend.legend_classes("investment", "zh")] == [
        "0（没有项目列出）", "低于400", "400至不足500", "500至不足600", "600及以上",
    ]  # fmt: skip
    assert [label for _, label in legend.legend_classes("projects", "en")][1:] == ["1–2", "3–4", "5–6", "7 or more"]
    assert [color for color, _ in legend.legend_classes("projects", "zh")] == [MAP_ZERO, *MAP_CLASSES]
    assert "(CNY billion)" in legend.legend_title("investment", "en") and "亿元" in legend.legend_title("investment", "zh")


def test_legend_html_is_escaped_and_names_the_outlines():
    html = legend.legend_html("investment", "en", selected_name="<script>x</script>")
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert '<span class="sw ring jungar"></span>Jungar Banner' in html and "60 or more" in html
    assert '<span class="sw ring selected"></span>Selected: &lt;script&gt;' in html
    # the swatches take the outlines' and classes' colours from the stylesheet, which takes them from the theme
    css = stylesheet("parts")
    assert ".ordos-legend .ring.jungar { border-color: var(--jungar); }" in css and palette()["jungar"] == JUNGAR
    assert ".ordos-legend .ring.selected { border-color: var(--ink); }" in css and palette()["ink"] == INK
    for i, colour in enumerate((MAP_ZERO, *MAP_CLASSES)):
        assert f'<span class="sw class-{i}"></span>' in html
        assert f".ordos-legend .sw.class-{i} {{ background: var(--{'map-zero' if i == 0 else f'map-class-{i}'}); }}" in css
        assert palette()["map-zero" if i == 0 else f"map-class-{i}"] == colour
    assert "Jungar Banner" in legend.legend_html(None, "en") and "under 40" not in legend.legend_html(None, "en")


def test_description_ranks_districts_with_their_figures(districts):
    text = lists.description(districts, "investment", "en")
    assert text.index("Otog Front Banner CNY 78.87 billion (7 projects)") < text.index("Hanggin Banner") < text.index("Ejin Horo")
    assert "Kangbashi District none" in text
    zh = lists.description(districts, "projects", "zh")
    assert zh.index("达拉特旗485.92 亿元（8个项目）") < zh.index("准格尔旗") and "康巴什区没有项目" in zh


def test_project_list_escapes_links_and_colours_actions():
    projects = pd.DataFrame(
        [{"project_no": 21, "name_en": "<b>Huaxing</b>", "name_zh": "华星", "action_no": 3, "investment_yi": 368.0,
          "location_en": "Shanghaimiao Industrial Park", "location_zh": "上海庙工业园区"}]
    )  # fmt: skip
    html = lists.project_list_html(projects, "en", {3: "Energy & economy"}, place=True)
    assert "<b>Huaxing" not in html and "&lt;b&gt;Huaxing&lt;/b&gt;" in html
    assert 'href="projects?lang=en&amp;project=21"' in html
    assert '<i class="action-3"></i>Energy &amp; economy' in html  # the swatch takes key action 3's colour
    assert ".ordos-plist .a i.action-3 { background: var(--action-3); }" in stylesheet("parts")
    assert palette()["action-3"] == ACTION_COLORS[3]
    assert "CNY 36.8 billion" in html and "Shanghaimiao Industrial Park" in html
    assert "上海庙" not in html
