"""The Indicators page: both languages, the deep link ?indicator=N (and ?category=N), malformed values
falling back to the default view, the key figures as the plan writes them, the detail of one indicator
(notes, related programs, story chapters), the chart and the table, the selection written back to the
URL, and an English page without Chinese outside the source quotes."""

from __future__ import annotations

import json
import re
from html import escape

import pandas as pd
import pyarrow as pa
import pytest

from tests.conftest import open_page, page_text

PAGE = "pages/indicators.py"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Chinese allowed on the English page: the source wording and the plan's quoted phrases, both marked lang=zh.
SOURCE_QUOTES = re.compile(r'<dd lang=zh>.*?</dd>|<span lang="zh">.*?</span>', re.S)


def html_of(at) -> str:
    return "\n".join(str(el.proto.body) for el in at.get("html"))


def chart_proto(at):
    (chart,) = [el for el in at.main if getattr(el, "type", "") == "vega_lite_chart"]
    return chart.proto


def chart_spec(at) -> dict:
    return json.loads(chart_proto(at).spec)


def chart_rows(at) -> pd.DataFrame:
    """The chart's data: Streamlit sends it beside the spec, as Arrow."""
    (dataset,) = chart_proto(at).datasets
    return pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_default_view_lists_all_36_by_category(lang):
    at = open_page(PAGE, lang=lang)
    assert not at.exception
    assert at.selectbox(key="indicator-select").value == 0
    assert at.get("button_group")[0].value == 0
    assert not any("·" in s.value for s in at.subheader)  # no detail open
    heads = [s.value for s in at.subheader]
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


def test_deep_link_opens_the_detail_of_indicator_17_en():
    at = open_page(PAGE, lang="en", indicator="17")
    assert not at.exception
    assert at.selectbox(key="indicator-select").value == 17
    assert at.subheader[0].value == "17 · Energy consumption per unit of GDP"
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
    assert at.subheader[0].value == "17 · 单位国内生产总值能耗"
    html = html_of(at)
    assert "↓ 越低越好" in html and "原文前后矛盾" in html and "吨标煤/万元" in html


@pytest.mark.parametrize("value", ["abc", "0", "37", "-1", "17.5", "", "17; DROP TABLE indicators", "%E4%B8%AD"])
def test_malformed_or_unknown_indicator_falls_back_without_error(value):
    at = open_page(PAGE, lang="en", indicator=value)
    assert not at.exception and not at.error
    assert at.selectbox(key="indicator-select").value == 0
    assert at.subheader[0].value == "Innovation-driven development"


@pytest.mark.parametrize("value", ["9", "x", "0"])
def test_malformed_category_shows_all(value):
    at = open_page(PAGE, lang="en", category=value)
    assert not at.exception
    assert len(at.subheader) == 4 and html_of(at).count('class="ind-item') == 36


def test_category_from_the_url_filters_list_chart_and_table():
    at = open_page(PAGE, lang="en", category="3")
    assert not at.exception
    assert at.get("button_group")[0].value == 3
    assert [s.value for s in at.subheader] == ["Social progress"]
    assert html_of(at).count('class="ind-item') == 9
    assert at.dataframe[0].value["No."].tolist() == list(range(22, 31))
    assert chart_rows(at)["key"].tolist() == ["c1", *[f"i{n}" for n in range(22, 31)]]


@pytest.mark.parametrize(
    ("no", "expected"),
    [(18, "The target is text, not a number, so no change can be computed."),
     (7, "Already met in 2020: the 2020 value (70.33%) satisfies the target (more than 70%)."),
     (9, "The target is more than the 2020 value itself: any rise meets it, and the plan gives no size."),
     (16, "Values are ratios (x:1); the change is computed from the first term."),
     (26, "beds per 1,000 people (inferred from context: the indicator&#x27;s name gives no unit)")],
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
    at = open_page(PAGE, lang="zh")
    table = at.dataframe[0].value
    assert list(table.columns)[:3] == ["序号", "类别", "指标"] and len(table) == 36
    assert table[table["序号"] == 29].iloc[0]["2020年已达到"] == "是"
    labels = [b.proto.label for b in at.get("download_button")]
    assert "下载表格（CSV）" in labels


def test_choosing_an_indicator_and_a_category_writes_the_url():
    at = open_page(PAGE, lang="en")
    at.selectbox(key="indicator-select").set_value(20).run()
    assert not at.exception
    assert dict(at.query_params) == {"lang": "en", "indicator": "20"}
    assert at.subheader[0].value == "20 · Effective utilization coefficient of agricultural irrigation water"
    assert "Program 7 · Agricultural Water Saving and Efficiency Program" in html_of(at)
    at.get("button_group")[0].set_value(4).run()
    assert dict(at.query_params) == {"lang": "en", "indicator": "20", "category": "4"}
    assert [s.value for s in at.subheader][1:] == ["Distinctive indicators: desertification control and green development"]
    at.selectbox(key="indicator-select").set_value(0).run()
    at.get("button_group")[0].set_value(0).run()
    assert dict(at.query_params) == {"lang": "en"}


def test_english_page_has_no_chinese_outside_source_quotes():
    at = open_page(PAGE, lang="en", indicator="18")
    visible = SOURCE_QUOTES.sub("", page_text(at))
    assert not CJK.search(visible), CJK.findall(visible)[:10]
    assert not any(CJK.search(option) for option in at.selectbox(key="indicator-select").options)
    table = at.dataframe[0].value
    assert not any(CJK.search(str(v)) for v in table.astype(str).to_numpy().ravel())
    assert not CJK.search(json.dumps(chart_spec(at), ensure_ascii=False))
    assert not any(CJK.search(str(v)) for v in chart_rows(at).astype(str).to_numpy().ravel())
    # The source wording is there, marked as such.
    assert "<dd lang=zh>单位国内生产总值二氧化碳排放比2005年下降率（%） · 18 · 完成自治区下达的目标任务 · 市生态环境局</dd>" in html_of(at)
