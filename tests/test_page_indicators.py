"""The Indicators page: both languages, the deep link ?indicator=N (and ?category=N), malformed values
falling back to the default view, the key figures as the plan writes them, the detail of one indicator
(notes, related programs, story chapters), the chart and the table, the selection written back to the
URL, and an English page without Chinese outside the source quotes; progress since 2020 without observed values
(the shipped state) and with them (a database built from the fixture observations), in both languages."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from html import escape
from pathlib import Path

import pandas as pd
import pytest

from components.indicators.status import status_chip_html
from core.i18n import t
from tests.conftest import charts_of, html_of, open_page, open_tab, page_text

PAGE = "pages/indicators.py"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Chinese allowed on the English page: the source wording and the plan's quoted phrases, both marked lang=zh.
SOURCE_QUOTES = re.compile(r'<dd lang="zh">.*?</dd>|<span lang="zh">.*?</span>', re.S)


TABS = ("list", "chart", "table")  # in the page's order: the list by category first


def on_tab(at, lang: str, tab: str):
    """Open a tab below the detail ('list', 'chart' or 'table'): only the open tab is drawn."""
    return open_tab(at, f"indicator-tabs-{lang}", TABS.index(tab))


def chart_drawn(at):
    """The change-required chart (its tab is opened first: the list tab opens by default), as drawn."""
    lang = at.query_params.get("lang", "zh")
    lang = lang[0] if isinstance(lang, list) else lang
    (chart,) = charts_of(on_tab(at, lang, "chart"))
    return chart


def chart_spec(at) -> dict:
    return chart_drawn(at).spec


def chart_rows(at) -> pd.DataFrame:
    """The chart's data: its spec's one dataset."""
    (dataset,) = chart_drawn(at).spec["datasets"].values()
    return pd.DataFrame(dataset)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_default_view_lists_all_36_by_category(lang):
    at = open_page(PAGE, lang=lang)
    assert not at.exception
    on_tab(at, lang, "list")
    assert at.selectbox(key="indicator-select").value == 0
    assert at.get("button_group")[0].value == 0
    assert not any("·" in s.value for s in at.header)  # no detail open
    heads = [s.value for s in at.header]
    if lang == "zh":
        assert heads == ["创新驱动", "生态环境", "社会进步", "荒漠化防治与绿色发展特色指标"]
    else:
        assert heads == ["Innovation-driven development", "Ecology and environment", "Social progress",
                         "Distinctive indicators: desertification control and green development"]  # fmt: skip
    html = html_of(at)
    assert html.count('class="ind-item') == 36
    # Values exactly as the indicator table writes them, comparators and ratios included.
    for written in ("0.81", "50306", "63510", "1.4:1", "2.5:1", "≤0.047", "≤0.02", "≥99", "<4.5"):
        assert f"<b>{escape(written)}</b>" in html, written
    assert ("<b>＞70</b>" if lang == "zh" else "<b>&gt;70</b>") in html
    assert ("完成自治区下达的目标任务" if lang == "zh" else "Meet the target set by the autonomous region") in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_only_the_open_tab_is_drawn_and_the_list_opens_first(lang):
    at = open_page(PAGE, lang=lang)
    assert at.session_state[f"indicator-tabs-{lang}"] == at.tabs[0].label
    assert not charts(at) and not at.dataframe and html_of(at).count('class="ind-item') == 36
    on_tab(at, lang, "chart")
    assert len(charts(at)) == 1 and not at.dataframe and 'class="ind-item' not in html_of(at)
    on_tab(at, lang, "table")
    assert not charts(at) and len(at.dataframe) == 1 and 'class="ind-item' not in html_of(at)
    assert len(at.dataframe[0].value) == 36


def test_deep_link_opens_the_detail_of_indicator_17_en():
    at = open_page(PAGE, lang="en", indicator="17")
    assert not at.exception
    assert at.selectbox(key="indicator-select").value == 17
    assert at.header[0].value == "17 · Energy consumption per unit of GDP"
    html = html_of(at)
    assert '<div class="v">2.08<span class="u">tce per 10,000 yuan of GDP</span></div>' in html
    assert '<div class="v">1.82<span class="u">tce per 10,000 yuan of GDP</span></div>' in html
    assert '<div class="v">−0.26<span class="u">tce per 10,000 yuan of GDP</span></div>' in html
    assert '<div class="v">−12.5%</div>' in html and "↓ lower is better" in html
    assert "+12.5% · Improvement required by 2024" in html
    assert "Municipal Development and Reform Commission" in html
    # The data note is shown, prominently, with its kind.
    assert "Contradiction in the source:" in html and "falls to 1.5 tce" in html
    # Related programs (curated, with the plan's words) and the story chapter that mentions it.
    assert "Program 14 · Clean and Efficient Use of Traditional Energy and CCUS Program" in html
    assert "Program 17 · Energy Conservation and Consumption Reduction Program for Key Energy-Intensive Industries" in html
    links = [link.proto for link in at.get("page_link")]
    chapter = [p for p in links if p.label.startswith("Chapter 1:")]
    assert chapter and "chapter=1" in chapter[0].query_string and "lang=en" in chapter[0].query_string


def test_deep_link_zh_detail():
    at = open_page(PAGE, lang="zh", indicator="17")
    assert not at.exception
    assert at.header[0].value == "17 · 单位国内生产总值能耗"
    html = html_of(at)
    assert "↓ 越低越好" in html and "原文前后矛盾" in html and "吨标煤/万元" in html


@pytest.mark.parametrize("value", ["abc", "0", "37", "-1", "17.5", "", "17; DROP TABLE indicators", "%E4%B8%AD"])
def test_malformed_or_unknown_indicator_falls_back_without_error(value):
    at = open_page(PAGE, lang="en", indicator=value)
    assert not at.exception and not at.error
    on_tab(at, "en", "list")
    assert at.selectbox(key="indicator-select").value == 0
    assert at.header[0].value == "Innovation-driven development"


@pytest.mark.parametrize("value", ["9", "x", "0"])
def test_malformed_category_shows_all(value):
    at = open_page(PAGE, lang="en", category=value)
    assert not at.exception
    on_tab(at, "en", "list")
    assert len(at.header) == 4 and html_of(at).count('class="ind-item') == 36


def test_category_from_the_url_filters_list_chart_and_table():
    at = open_page(PAGE, lang="en", category="3")
    assert not at.exception
    assert at.get("button_group")[0].value == 3
    assert chart_rows(at)["key"].tolist() == ["c1", *[f"i{n}" for n in range(22, 31)]]
    on_tab(at, "en", "list")
    assert [s.value for s in at.header] == ["Social progress"]
    assert html_of(at).count('class="ind-item') == 9
    on_tab(at, "en", "table")
    assert at.dataframe[0].value["No."].tolist() == list(range(22, 31))


@pytest.mark.parametrize(
    ("no", "expected"),
    [(18, "The target is text, not a number, so no change can be computed."),
     (7, "Already met in 2020: the 2020 value (70.33%) satisfies the target (more than 70%)."),
     (9, "The target is more than the 2020 value itself: any rise meets it, and the plan gives no size."),
     (16, "Values are ratios (x:1); the change is computed from the first term."),
     (26, "beds per 1,000 people (inferred from context: the indicator&#39;s name gives no unit)")],
)  # fmt: skip
def test_details_say_how_to_read_special_targets(no, expected):
    at = open_page(PAGE, lang="en", indicator=str(no))
    assert not at.exception
    assert expected in html_of(at)


def test_chart_and_its_description_en():
    at = open_page(PAGE, lang="en")
    spec = chart_spec(at)
    assert spec["title"]["text"] == ["Change required from 2020 to the 2024 target", "in % of the 2020 value, positive = progress"]
    rows = chart_rows(at).set_index("key")
    assert len(rows) == 40
    assert rows.loc["i21", "progress_pct"] == pytest.approx(580.809) and rows.loc["i21", "value_text"] == "+580.8%"
    assert rows.loc["i18", "value_text"] == "text target: no number"
    text = page_text(at)
    assert "35 indicators with a numeric target. 30 require improvement" in text
    assert "Indicator 16 is a ratio (1.4:1 → 2.5:1) and is compared via its first term." in text


def test_table_with_localized_columns_and_csv_download():
    at = on_tab(open_page(PAGE, lang="zh"), "zh", "table")
    table = at.dataframe[0].value
    assert list(table.columns)[:3] == ["序号", "类别", "指标"] and len(table) == 36
    assert table[table["序号"] == 29].iloc[0]["2020年已达到"] == "是"
    labels = [b.proto.label for b in at.get("download_button")]
    assert "下载表格（CSV）" in labels


def test_choosing_an_indicator_and_a_category_writes_the_url():
    at = on_tab(open_page(PAGE, lang="en"), "en", "list")
    at.selectbox(key="indicator-select").set_value(20).run()
    assert not at.exception
    assert dict(at.query_params) == {"lang": "en", "indicator": "20"}
    assert at.header[0].value == "20 · Effective utilization coefficient of agricultural irrigation water"
    assert "Program 7 · Agricultural Water Saving and Efficiency Program" in html_of(at)
    at.get("button_group")[0].set_value(4).run()
    assert dict(at.query_params) == {"lang": "en", "indicator": "20", "category": "4"}
    assert [s.value for s in at.header][1:] == ["Distinctive indicators: desertification control and green development"]
    at.selectbox(key="indicator-select").set_value(0).run()
    at.get("button_group")[0].set_value(0).run()
    assert dict(at.query_params) == {"lang": "en"}


def test_english_page_has_no_chinese_outside_source_quotes():
    at = open_page(PAGE, lang="en", indicator="18")
    assert not CJK.search(json.dumps(chart_spec(at), ensure_ascii=False))
    assert not any(CJK.search(str(v)) for v in chart_rows(at).astype(str).to_numpy().ravel())
    for tab in TABS:
        visible = SOURCE_QUOTES.sub("", page_text(on_tab(at, "en", tab)))
        assert not CJK.search(visible), (tab, CJK.findall(visible)[:10])
    assert not any(CJK.search(option) for option in at.selectbox(key="indicator-select").options)
    table = at.dataframe[0].value
    assert not any(CJK.search(str(v)) for v in table.astype(str).to_numpy().ravel())
    # The source wording is there, marked as such.
    source = "单位国内生产总值二氧化碳排放比2005年下降率（%） · 18 · 完成自治区下达的目标任务 · 市生态环境局"
    assert f'<dd lang="zh">{source}</dd>' in html_of(at)


# ------------------------------------------------------------------------- progress since 2020

FIXTURE_OBSERVATIONS = Path(__file__).parent / "fixtures" / "observations" / "good.csv"


@pytest.fixture(scope="module")
def observed_db(tmp_path_factory) -> Path:
    """A database built by the real build from the fixture observations (the session's default has none)."""
    from pipeline.build import build

    folder = tmp_path_factory.mktemp("observations")
    shutil.copy(FIXTURE_OBSERVATIONS, folder / "observations.csv")
    build(database=folder / "ordos.duckdb", observations=folder)
    return folder / "ordos.duckdb"


@pytest.fixture
def with_observations(observed_db, monkeypatch):
    """Point the app at the database with observations for one test; Streamlit's caches emptied before and after."""

    from core import data, settings

    monkeypatch.setattr(settings, "DATABASE", observed_db)
    data.clear_caches()
    yield
    monkeypatch.undo()
    data.clear_caches()


def charts(at) -> list:
    return charts_of(at)


def chart_data(chart) -> pd.DataFrame:
    (dataset,) = chart.spec["datasets"].values()
    return pd.DataFrame(dataset)


@pytest.mark.parametrize(
    ("lang", "title", "words"),
    [("en", "No observed values have been published in the app yet",
      ["✓", "Achieved", "On track", "Off track", "Not assessable", "No data"]),
     ("zh", "本应用尚未发布任何指标实际值", ["已达到", "进度正常", "进度滞后", "无法评估", "暂无数据"])],
)  # fmt: skip
def test_without_observations_the_page_says_so_in_one_line_and_what_will_appear_a_tap_away(lang, title, words):
    at = open_page(PAGE, lang=lang)
    assert not at.exception
    assert t("indicators.progress_title", lang) not in [h.value for h in at.header], "no progress section before any value"
    html = html_of(at)
    line = re.search(r'<details class="pg-empty" role="note"><summary>(.*?)</summary>(.*?)</details>', html, re.S)
    assert line and f"<b>{title}</b>" in line.group(1)
    assert all(word in line.group(2) for word in words)  # the statuses and what each means, once opened
    assert f'href="about?lang={lang}"' in line.group(2)  # and the rule on the About page
    assert 'class="pg-tile' not in html and 'class="ind-flag pg ' not in html  # no dashboard of 36 "no data"
    table = on_tab(at, lang, "table").dataframe[0].value
    assert ("Progress status" if lang == "en" else "进展状态") not in table.columns


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_first_view_shows_every_indicator_with_its_2020_value_and_2024_target_as_text(lang, con):
    html = html_of(open_page(PAGE, lang=lang))
    items = re.findall(r'<a class="ind-item.*?</a>', html, re.S)
    assert len(items) == 36
    rows = con.execute("SELECT indicator_no, name_zh, name_en, baseline_2020_text FROM indicators ORDER BY 1").fetchall()
    for item, (no, name_zh, name_en, base) in zip(items, rows, strict=True):
        text = re.sub(r"<[^>]+>", " ", item)
        assert (name_en if lang == "en" else name_zh).split("(")[0].strip()[:20] in text.replace("&amp;", "&"), no
        assert unicodedata.normalize("NFKC", base) in unicodedata.normalize("NFKC", text), no
    energy = re.sub(r"<[^>]+>", " ", items[16])
    assert "2.08" in energy and "1.82" in energy


def test_without_observations_a_detail_says_no_value_yet_and_draws_no_trajectory():
    at = open_page(PAGE, lang="en", indicator="32")
    assert not at.exception
    assert "No observed value has been published for this indicator yet." in html_of(at)
    assert charts(at) == []  # no trajectory (and the list tab is open)


@pytest.mark.usefixtures("with_observations")
def test_with_observations_the_overview_counts_statuses_by_category_en():
    at = open_page(PAGE, lang="en")
    assert not at.exception
    html = html_of(at)
    assert "Observed values have been published for 8 of the 36 indicators (latest year: 2024)." in html
    for status, n in (("achieved", 1), ("on_track", 2), ("off_track", 4), ("not_assessable", 1), ("no_data", 28)):
        assert status_chip_html(status, "en", n) in html, status
    assert html.count('<a class="pg-tile') == 36
    assert "⚠ Off track 3 · ? Not assessable 1 · – No data 11" in html  # ecology and environment
    assert 'aria-label="32 Share of non-fossil energy in energy consumption: ⚠ Off track"' in html
    # The card in the list says it too, in the status's colour.
    assert '<span class="ind-flag pg pg-off_track">⚠ Off track · 2023</span>' in html_of(on_tab(at, "en", "list"))
    table = on_tab(at, "en", "table").dataframe[0].value.set_index("No.")
    assert table.loc[33, "Progress status"] == "↗ On track" and table.loc[33, "Latest observed value"] == 34
    assert table.loc[1, "Progress status"] == "– No data" and pd.isna(table.loc[1, "Latest observed value"])


@pytest.mark.usefixtures("with_observations")
def test_with_observations_detail_shows_path_points_status_and_sources_en():
    at = open_page(PAGE, lang="en", indicator="32")
    assert not at.exception
    html = html_of(at)
    assert status_chip_html("off_track", "en") in html
    assert (
        "The latest observed value, 12.1% (2023), is behind the straight path from the 2020 value to the 2024 target (15%), "
        "which stands at 12.7% in 2023."
    ) in html
    (trajectory,) = charts(at)  # in the detail, above the tabs (the list tab is open)
    rows = chart_data(trajectory)
    assert rows[rows["kind"] == "observed"][["year", "value"]].values.tolist() == [[2022, 9.6], [2023, 12.1]]
    assert rows[rows["kind"] == "path"][["year", "value"]].values.tolist() == [[2020, 5.8], [2024, 15.0]]
    assert "Observed: 9.6% (2022); 12.1% (2023). ⚠ Off track:" in page_text(at)
    assert "<cite>Test bulletin B (fixture)</cite> · <span>TEST-2024-01</span> · published March 1, 2024" in html
    assert "fixture row for tests only" in html


@pytest.mark.usefixtures("with_observations")
@pytest.mark.parametrize(
    ("no", "expected"),
    [(7, "The 2020 value already met the target (&gt;70%); the latest observed value, 69.2% (2024), no longer does."),
     (29, "The latest observed value, 3.1% (2023), meets the 2024 target (&lt;4.5%)."),
     (30, "is at or ahead of the straight path from the 2020 value to the target, "
          "which stands at 0.0335 deaths per 100 million yuan of GDP in 2022."),
     (16, "The latest observed value, 2.1:1 (2023), is behind the straight path"),
     (18, "The 2024 target is text, not a number, so the observed values are shown without a judgment; the latest is 20.5% (2023).")],
)  # fmt: skip
def test_with_observations_special_targets_are_explained_honestly(no, expected):
    at = open_page(PAGE, lang="en", indicator=str(no))
    assert not at.exception
    assert expected in html_of(at)


@pytest.mark.usefixtures("with_observations")
def test_with_observations_zh_detail_and_chinese_source():
    at = open_page(PAGE, lang="zh", indicator="33")
    assert not at.exception
    html = html_of(at)
    assert "2020年以来的进展" in page_text(at) and status_chip_html("on_track", "zh") in html
    assert "最新实际值34%（2023年）尚未达到2024年目标（40%），但不落后于从2020年数值到目标的直线进度（2023年为33.25%）。" in html
    source = '来源：<cite lang="zh">鄂尔多斯市2023年统计公报（测试用，非真实数据）</cite> · <span lang="zh">鄂统发〔2024〕1号</span>'
    assert f"{source} · 发布于2024年3月20日" in html
    assert "36项指标中已有8项发布了实际值（最新年份：2024年）" in html


@pytest.mark.usefixtures("with_observations")
def test_with_observations_english_page_has_no_chinese_outside_marked_sources():
    at = open_page(PAGE, lang="en", indicator="33")
    assert not at.exception
    visible = re.sub(r'<(cite|span) lang="zh">.*?</\1>', "", SOURCE_QUOTES.sub("", page_text(at)), flags=re.S)
    assert not CJK.search(visible), CJK.findall(visible)[:10]
    (chart,) = charts(at)
    drawn = {k: v for k, v in chart.spec.items() if k != "datasets"}  # the rows keep their source's own name
    assert not CJK.search(json.dumps(drawn, ensure_ascii=False))
    assert not CJK.search(re.sub(r"<[^>]*>", "", chart.svg))  # nor any text drawn in the picture
