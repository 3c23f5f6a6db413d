"""The slide definitions (components.slides.build) and their HTML (components.slides.html), without a server.

Numbers are checked against the database the session built; observed values against this module's own
fixture observations (OBSERVATIONS_CSV, invented for tests only), loaded into a database of their own: the
shipped file has no rows.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from components.render import asset
from components.slides import html as deck_html
from components.slides.build import build
from components.slides.model import Bi, Slide
from core import data, fmt, settings
from core.progress import BASE_YEAR, TARGET_YEAR, expected_value, label
from core.text import cjk_count

# Test rows only (no real bulletin): 32 behind the path, 33 ahead of it, 17 (lower is better) behind,
# 7 (a bound met in 2020) no longer met in 2024, 16 a ratio; 16 is the fifth and is left to the Indicators page.
OBSERVATIONS_CSV = """indicator_no,year,value,source_title,source_ref,published,note
32,2022,9.6,Test bulletin A (fixture),TEST-2023-01,2023-03-01,fixture row for tests only
32,2023,12.1,Test bulletin B (fixture),TEST-2024-01,2024-03-01,
33,2023,34,Test bulletin B (fixture),TEST-2024-01,2024-03-01,
17,2023,1.95,Test bulletin B (fixture),TEST-2024-01,2024-03-01,
7,2024,69.2,Test bulletin C (fixture),https://example.org/c,2025-02-01,
16,2023,2.1:1,Test bulletin B (fixture),TEST-2024-01,2024-03-01,
"""
URL = "https://ordos.example.org"
KEYS = ["title", "headline", "chapter-1", "chapter-2", "chapter-3", "chapter-4", "map", "projects", "actions", "indicators", "progress",
        "closing"]  # fmt: skip


def _deck(database: Path) -> list[Slide]:
    old = settings.DATABASE
    data.clear_caches()
    settings.DATABASE = database
    try:
        return build(data.deck_tables(), URL)
    finally:
        settings.DATABASE = old
        data.clear_caches()


@pytest.fixture(scope="module")
def deck(db_path) -> list[Slide]:
    return _deck(db_path)


@pytest.fixture(scope="module")
def observed_db(tmp_path_factory) -> Path:
    return observed_database(tmp_path_factory.mktemp("slides-obs"))


@pytest.fixture(scope="module")
def observed_deck(observed_db) -> list[Slide]:
    return _deck(observed_db)


def observed_database(folder: Path) -> Path:
    """A database built from the sources and OBSERVATIONS_CSV, in `folder`."""
    from pipeline.build import build

    (folder / "observations.csv").write_text(OBSERVATIONS_CSV, encoding="utf-8")
    build(database=folder / "ordos.duckdb", observations=folder)
    return folder / "ordos.duckdb"


def by_key(deck: list[Slide], key: str) -> Slide:
    return next(s for s in deck if s.key == key)


def test_curated_sequence(deck):
    assert [s.key for s in deck] == KEYS
    assert by_key(deck, "closing").qr_url == URL


def test_headline_figures_are_the_databases(deck, con):
    figures = by_key(deck, "headline").figures
    rows = con.execute("SELECT label_zh, label_en FROM facts WHERE topic = 'headline' ORDER BY rowid").fetchall()
    assert [(f.label.zh, f.label.en) for f in figures] == rows
    total = con.execute("SELECT sum(investment_yi) FROM projects").fetchone()[0]
    values = {f.value.zh for f in figures}
    assert "2,048.463" in values and "39" in values and "36" in values
    assert fmt.money_yi(total, "zh") == "2,048.463 亿元"


def test_largest_projects_slide_matches_projects_table(deck, con):
    rows = con.execute("SELECT project_no, investment_yi FROM projects ORDER BY investment_yi DESC, project_no LIMIT 8").fetchall()
    data_ = by_key(deck, "projects").chart.data
    assert list(zip(data_["project_no"], data_["investment_yi"], strict=True)) == rows
    assert by_key(deck, "projects").chart.data["share"].sum() == pytest.approx(sum(v for _, v in rows) / 2048.463)


def test_english_slides_have_no_chinese_outside_quotes(deck):
    for s in deck:
        texts = [s.title.en, s.source.en, *(p.en for p in s.points)]
        texts += [x.en for x in (s.kicker, s.lead) if x] + [b.en for _, b in s.legend]
        texts += [f.label.en for f in s.figures] + [f.value.en for f in s.figures]
        if s.table:
            texts += [c.en for c in s.table.columns] + [c.en for row in s.table.rows for c in row]
        if s.chart:
            texts.append(s.chart.description.en)
        # a Chinese source quote 「…」 or a proper name in parentheses may stay Chinese
        bad = [x for x in texts if cjk_count(re.sub(r"「[^」]*」|\([^)]*\)", "", x))]
        assert bad == [], (s.key, bad)


def test_no_observations_is_said_not_invented(deck):
    table = by_key(deck, "indicators").table
    assert [c.en for c in table.columns][-1] == "Latest status"
    assert {row[-1].en for row in table.rows} == {"– No data"}
    assert {row[-1].zh for row in table.rows} == {"– 暂无数据"}
    progress = by_key(deck, "progress")
    assert progress.lead.en.startswith("No observed value has been published yet")
    assert "36" in progress.points[0].zh and "暂无数据" in progress.points[0].zh
    chart = progress.chart.data
    assert set(chart["kind"]) == {"path"}  # the plan's paths only: no point anywhere is an observation
    assert sorted(set(chart["indicator_no"])) == [1, 17, 32, 33]


def test_observed_values_with_status_icon_word_and_source(observed_deck):
    table = by_key(observed_deck, "indicators").table
    status = {row[0].en.split(" · ")[0]: row[-1].en for row in table.rows}
    assert status["32"] == "⚠ Off track" and status["17"] == "⚠ Off track" and status["1"] == "– No data"
    assert status["33"] == "↗ On track" and status["35"] == "– No data"
    progress = by_key(observed_deck, "progress")
    assert (
        progress.points[0].en
        == "⚠ Off track · 32 Share of non-fossil energy in energy consumption: 12.1% in 2023 (Test bulletin B (fixture), TEST-2024-01)"
    )
    assert progress.points[0].zh.startswith("⚠ 进度滞后 · 32 非化石能源消费比重：2023 年 12.1%")
    assert progress.points[1].en.startswith("↗ On track · 33 ") and progress.points[1].zh.startswith("↗ 进度正常 · 33 ")
    assert progress.points[3].en.startswith(
        "⚠ Off track · 7 Vegetation coverage: 69.2% in 2024 (Test bulletin C (fixture), https://example.org/c)"
    )
    assert progress.points[4].en == "Observed values of further indicators (1) are on the Indicators page."
    assert "Test bulletin A (fixture)" in progress.source.en and "Test bulletin C (fixture)" in progress.source.en
    frame = progress.chart.data
    seen = frame[(frame["indicator_no"] == 32) & (frame["kind"] == "observed")]
    assert list(zip(seen["year"], seen["value"], strict=True)) == [(2020, 5.8), (2022, 9.6), (2023, 12.1)]
    spec = progress.chart.draw("en").to_dict()
    titles = [c["title"] for row in spec["vconcat"] for c in row["hconcat"]]
    assert titles[0]["subtitle"] == ["⚠ Off track"] and titles[0]["text"][0].startswith("32 · Share of non-fossil")
    assert [t["text"][0].split(" · ")[0] for t in titles] == ["32", "33", "17", "7"]


def test_seconds_from_the_url():
    assert deck_html.seconds("8", deck_html.INTERVAL) == 8.0
    assert deck_html.seconds("abc", deck_html.INTERVAL) == deck_html.INTERVAL[0]
    assert deck_html.seconds("nan", deck_html.INTERVAL) == deck_html.INTERVAL[0]
    assert deck_html.seconds("-3", deck_html.INTERVAL) == deck_html.INTERVAL[1]
    assert deck_html.seconds("1e9", deck_html.IDLE) == deck_html.IDLE[2]


def test_page_html_escapes_and_carries_config(deck):
    evil = Slide("x", "figures", Bi("<script>alert(1)</script>", "<b>x</b>"), Bi("s", "s"))
    body = deck_html.slides_html([evil], "both", None)
    assert "<script>alert" not in body and "&lt;script&gt;" in body
    page = deck_html.page_html(body, lang="en", mode="present", total=1, start=5)
    assert '"start": 1' in page.replace("&quot;", '"') and 'data-mode="present"' in page


def test_statuses_and_paths_follow_core_progress(observed_deck, observed_db):
    """The slides say a status as core.progress does (icon and word) and draw the plan's path by its rule."""
    con = duckdb.connect(str(observed_db), read_only=True)
    states = dict(con.execute("SELECT indicator_no, status FROM indicator_status").fetchall())
    assert {"off_track", "on_track", "no_data"} <= set(states.values())
    for row in by_key(observed_deck, "indicators").table.rows:
        no = int(row[0].en.split(" · ")[0])
        assert (row[-1].zh, row[-1].en) == (label(states[no], "zh"), label(states[no], "en"))
    frame = by_key(observed_deck, "progress").chart.data
    for no, base, target in con.execute(
        "SELECT indicator_no, baseline_2020, target_2024 FROM indicators WHERE indicator_no IN (32, 33, 17, 7)"
    ).fetchall():
        path = frame[(frame["indicator_no"] == no) & (frame["kind"] == "path")]
        expected = [(year, expected_value(base, target, year)) for year in (BASE_YEAR, TARGET_YEAR)]
        assert list(zip(path["year"], path["value"], strict=True)) == expected == [(2020, base), (2024, target)]
    con.close()


def test_page_brings_its_stylesheet_and_script_and_no_inline_styles(deck):
    body = deck_html.slides_html(deck, "both", None)
    page = str(deck_html.page_html(body, lang="both", mode="kiosk", total=len(deck)))
    assert page.count("<style>") == 1 and asset("deck/deck.css") in page and asset("deck/frame.css") in page
    assert page.count("<script>") == 1 and asset("deck/deck.js") in page
    # style attributes only hand data to the stylesheet (a figure's accent, a key's colour), as custom properties
    styles = re.findall(r'style="([^"]*)"', page)
    assert styles and all(re.fullmatch(r"(--[a-z]+:[^;]+;?)+", style) for style in styles), styles


# --- panels, places, photos, maps: what the exhibition screens and the decks add -----------------------------------

MN_CITY, MN_JUNGAR = "ᠣᠷᠳᠣᠰ ᠬᠣᠲᠠ", "ᠵᠡᠭᠦᠨᠭᠠᠷ ᠬᠣᠰᠢᠭᠤ"


def test_quiet_hours_theme_and_drift_from_the_url():
    assert deck_html.quiet_hours("22:00-07:00") == (22 * 60, 7 * 60)  # across midnight
    assert deck_html.quiet_hours(" 9:05 - 17:30 ") == (545, 1050)
    for bad in (None, "", "22:00", "25:00-07:00", "22:60-07:00", "22:00-22:00", "22-07", "x" * 999, "22:00-07:00;x", ["22:00-07:00"]):
        assert deck_html.quiet_hours(bad) is None, bad
    assert deck_html.theme_of("dark") == "dark" and deck_html.theme_of(" DARK ") == "dark"
    assert deck_html.theme_of("<b>") == deck_html.theme_of(None) == "light"
    assert deck_html.drift_of(None, "kiosk") and not deck_html.drift_of("off", "kiosk")
    assert not deck_html.drift_of(None, "present") and deck_html.drift_of("on", "present")
    shown = deck_html.options({"interval": "8", "sleep": "23:30-06:00", "theme": "dark", "drift": "x"}, "kiosk")
    assert shown == {"theme": "dark", "sleep": (1410, 360), "drift": True, "interval": 8.0, "idle": deck_html.IDLE[0]}
    assert set(deck_html.options({}, "present")) == {"theme", "sleep", "drift"}


def test_page_carries_theme_quiet_hours_and_drift(deck):
    body = deck_html.slides_html(deck[:1], "zh", None)
    page = str(deck_html.page_html(body, lang="zh", mode="kiosk", total=1, theme="dark", sleep=(1320, 420), drift=True))
    config = page.replace("&#34;", '"').replace("&quot;", '"')
    assert 'data-theme="dark"' in page and '"sleep": [1320, 420]' in config and '"drift": true' in config
    assert '<div class="od-sleep" hidden><span class="od-clock"></span></div>' in page
    assert 'data-theme="light"' in str(deck_html.page_html(body, lang="zh", mode="present", total=1, theme="<x>"))


def test_confirmed_mongolian_names_only(deck, con):
    assert by_key(deck, "title").mongolian == MN_CITY == by_key(deck, "closing").mongolian
    assert {by_key(deck, f"chapter-{no}").mongolian for no in range(1, 5)} == {MN_JUNGAR}
    assert all(s.mongolian is None for s in deck if not s.key.startswith(("title", "closing", "chapter")))
    listed = set(data.mongolian_names()["place_code"])
    unconfirmed = {code for (code,) in con.execute("SELECT place_code FROM mongolian_names WHERE NOT confirmed").fetchall()}
    assert unconfirmed and not listed & unconfirmed and {"150600", "150622"} <= listed
    # a name not (or no longer) confirmed is not shown, and nothing is shown in its place
    tables = data.deck_tables()
    stored = con.execute("SELECT place_code, name_mn, confirmed FROM mongolian_names").df()
    stored.loc[stored["place_code"] == "150600", "confirmed"] = False
    unsure = build({**tables, "mongolian": stored}, URL)
    assert by_key(unsure, "title").mongolian is None and by_key(unsure, "closing").mongolian is None
    assert by_key(unsure, "chapter-1").mongolian == MN_JUNGAR
    assert all(s.mongolian is None for s in build({**tables, "mongolian": stored.iloc[0:0]}, URL))


def test_mongolian_name_vertical_beside_the_chinese_title(deck):
    title = by_key(deck, "title")
    for lang in ("zh", "both"):
        html = str(deck_html.slide_html(title, lang, 1, 12))
        assert f'<p class="od-mn" lang="mn-Mong">{MN_CITY}</p>' in html and 'class="od-head od-has-mn"' in html
    assert "od-mn" not in str(deck_html.slide_html(title, "en", 1, 12))  # no Chinese title to stand beside
    css = asset("deck/deck.css")
    rule = css[css.index(".od-mn {") :].split("}")[0]
    assert "writing-mode: vertical-lr" in rule and 'font-family: "Noto Sans Mongolian"' in rule
    assert "@font-face" not in css and "url(" not in css  # the system's font (fonts-noto-core), no web font


def test_map_review_number_with_every_map(deck):
    assert all(s.map_note is None for s in deck)  # not set: nothing printed
    reviewed = build(data.deck_tables(), URL, "GS(2024)0650号")
    maps = [s for s in reviewed if s.map_note]
    assert [s.key for s in maps] == ["title", "map"]
    assert {s.map_note.zh for s in maps} == {"审图号：GS(2024)0650号"}
    assert {s.map_note.en for s in maps} == {"Map review number: GS(2024)0650号"}
    for s in maps:
        html = str(deck_html.slide_html(s, "both", 1, 12))
        assert html.count("GS(2024)0650号") == 2 and 'class="od-mapno"' in html
        exported = s.chart.draw("zh", export=True).to_dict()
        assert "审图号：GS(2024)0650号" in exported["title"]["subtitle"]


def test_qr_code_points_at_the_qr_setting(monkeypatch):
    monkeypatch.delenv("ORDOS_QR_URL", raising=False)
    monkeypatch.delenv("ORDOS_SITE_URL", raising=False)
    monkeypatch.setenv("ORDOS_PUBLIC_URL", "https://ordos.example.org/")
    assert settings.qr_url() == "https://ordos.example.org"
    monkeypatch.setenv("ORDOS_SITE_URL", "https://m.ordos.example.org/")  # a published phone edition comes first
    assert settings.qr_url() == "https://m.ordos.example.org"
    monkeypatch.setenv("ORDOS_QR_URL", " https://ordos.example.org/edition/ ")
    assert settings.qr_url() == "https://ordos.example.org/edition/"
    from views import deck as deck_view

    assert deck_view.current()[0] == "https://ordos.example.org/edition/"


def make_photo(path: Path, size: tuple[int, int], colour: tuple[int, int, int], kind: str = "JPEG") -> Path:
    """A generated test picture (a gradient with a block, so that it compresses like a photo, not like a flat colour)."""
    from PIL import Image, ImageDraw

    image = Image.linear_gradient("L").resize(size).convert("RGB")
    ImageDraw.Draw(image).rectangle((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), fill=colour)
    image.save(path, kind)
    return path


def photo_tables(folder: Path) -> dict:
    """The deck's tables with photos for chapters 1 and 3 (the first of its two pictures), in `folder`."""
    make_photo(folder / "mine-park.jpg", (4000, 3000), (200, 120, 40))
    make_photo(folder / "rice-fish.png", (1200, 2000), (40, 120, 200), "PNG")  # upright, and not a JPEG
    tables = data.deck_tables()
    pictures = tables["pictures"].copy()
    for no, name, zh, en in ((1, "mine-park.jpg", "摄影：测试一", "Photo: Test One"), (3, "rice-fish.png", "测试供图", "")):
        pictures.loc[pictures["picture_no"] == no, ["photo_file", "credit_zh", "credit_en"]] = [name, zh, en]
    pictures.loc[pictures["picture_no"] == 2, "photo_file"] = "missing.jpg"  # named, but not in the folder
    return {**tables, "pictures": pictures}


def test_chapter_photos_with_caption_and_credit(tmp_path, monkeypatch):
    import base64
    import io

    from PIL import Image

    monkeypatch.setattr(settings, "PHOTOS", tmp_path)
    slides = build(photo_tables(tmp_path), URL)
    one, two, three = (by_key(slides, f"chapter-{no}") for no in (1, 2, 3))
    assert one.photo.path == tmp_path / "mine-park.jpg" and one.photo.caption.zh == "准能矿山生态旅游区"
    assert (one.photo.credit.zh, one.photo.credit.en) == ("摄影：测试一", "Photo: Test One")
    assert two.photo is None  # its photo file is missing: the caption alone, as before
    assert (three.photo.credit.zh, three.photo.credit.en) == ("测试供图", "测试供图")  # one language given: used for both
    # the photo's caption is under the photo; the chapter's other picture keeps its caption line
    assert [p.zh for p in three.points] == ["故事配图：游客采摘准格尔旗暖水山地苹果"]
    assert "测试供图" in three.notes.zh
    html = str(deck_html.slide_html(one, "both", 3, 12))
    assert 'class="od-slide od-chapter od-has-photo"' in html and 'alt="照片：准能矿山生态旅游区"' in html
    assert "摄影：测试一" in html and "Photo: Test One" in html and "Zhunneng Mine Eco-Tourism Area" in html
    src = re.search(r'class="od-photoimg" src="data:image/jpeg;base64,([^"]+)"', html).group(1)
    with Image.open(io.BytesIO(base64.b64decode(src))) as shown:
        assert shown.format == "JPEG" and max(shown.size) <= 1600 and shown.size == (1600, 1200)
    assert len(src) < 400_000  # the kiosk page stays small enough to send at once
    three_html = str(deck_html.slide_html(three, "zh", 5, 12))
    with Image.open(io.BytesIO(base64.b64decode(re.search(r"base64,([^\"]+)", three_html).group(1)))) as shown:
        assert shown.size == (960, 1600)
    assert "od-photo" not in str(deck_html.slide_html(two, "both", 4, 12))


def test_nginx_csp_lets_the_deck_and_the_reporter_run():
    """deploy/nginx.conf allows no inline script but by hash: the deck's script (st.html runs it inline) needs its
    hash in script-src, and the reporter (an st.components.v2 component) a blob: script. This says what to change."""
    import base64
    import hashlib

    digest = "sha256-" + base64.b64encode(hashlib.sha256(asset("deck/deck.js").encode("utf-8")).digest()).decode()
    conf = (settings.ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    csp = re.search(r'add_header Content-Security-Policy "([^"]+)"', conf).group(1)
    script_src = next(d.split() for d in csp.split(";") if d.split()[:1] == ["script-src"])
    assert f"'{digest}'" in script_src, f"components/assets/deck/deck.js changed: put '{digest}' in script-src of deploy/nginx.conf"
    assert "blob:" in script_src and "'unsafe-inline'" not in script_src
