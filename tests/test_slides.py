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
