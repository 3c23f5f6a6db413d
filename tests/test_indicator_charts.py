"""Builders of the indicators page, without a server: values as written, comparators in words, the
change required (absolute, %, in the direction of progress), the chart's data and labels, the table and
its CSV, the escaped HTML; and the curated indicator->program links that the build checks."""

from __future__ import annotations

import io
import json
import shutil

import pandas as pd
import pytest

from components.exports import to_csv_bytes
from components.indicators.charts import change_chart, chart_description, chart_frame
from components.indicators.detail import explanation, facts_html, figures_html, notes_html, programs_html
from components.indicators.listing import indicator_list_html
from components.indicators.status import observations_html, progress_overview_html, status_chip_html, status_counts, status_sentence
from components.indicators.table import indicator_table
from components.indicators.trajectory import trajectory_chart, trajectory_description, trajectory_frame
from components.indicators.values import (
    any_change,
    categories,
    category_option,
    change_line,
    change_texts,
    status_of,
    target_text,
    target_words,
)
from components.render import stylesheet
from components.theme import ACTION_COLORS, HOLD, REQUIRED, STATUS_COLORS, palette
from core import data, progress
from pipeline import settings
from pipeline.build import build
from pipeline.errors import BuildError


@pytest.fixture(scope="module")
def indicators() -> pd.DataFrame:
    return data.indicators()


def row(indicators: pd.DataFrame, no: int) -> dict:
    return indicators[indicators["indicator_no"] == no].iloc[0].to_dict()


def test_categories_in_table_order(indicators):
    assert categories(indicators, "zh") == ["创新驱动", "生态环境", "社会进步", "荒漠化防治与绿色发展特色指标"]
    assert categories(indicators, "en")[0] == "Innovation-driven development"
    assert category_option(indicators, 0, "en") == "All categories (36)"
    assert category_option(indicators, 2, "zh") == "生态环境（15项）"


def test_values_as_written_with_full_width_signs_in_ascii_for_english(indicators):
    assert target_text(row(indicators, 7), "zh") == "＞70"
    assert target_text(row(indicators, 7), "en") == ">70"
    assert target_text(row(indicators, 30), "en") == "≤0.02"
    assert target_text(row(indicators, 16), "en") == "2.5:1"
    assert target_text(row(indicators, 18), "zh") == "完成自治区下达的目标任务"
    assert target_text(row(indicators, 18), "en") == "Meet the target set by the autonomous region"


@pytest.mark.parametrize(
    ("no", "lang", "words"),
    [(7, "en", "more than 70%"), (12, "en", "at least 99%"), (29, "en", "below 4.5%"),
     (30, "en", "at most 0.02 deaths per 100 million yuan of GDP"), (1, "en", "reach 1.8%"), (16, "en", "reach 2.5:1"),
     (7, "zh", "大于70%"), (24, "zh", "不低于95%"), (29, "zh", "小于4.5%"), (30, "zh", "不超过0.02 人/亿元")],
)  # fmt: skip
def test_comparators_in_words(indicators, no, lang, words):
    assert target_words(row(indicators, no), lang) == words


@pytest.mark.parametrize(
    ("no", "lang", "expected"),
    [(17, "en", ("−0.26 tce per 10,000 yuan of GDP", "−12.5%", "+12.5%")),
     (1, "en", ("+0.99 percentage points", "+122.2%", "+122.2%")),
     (1, "zh", ("+0.99个百分点", "+122.2%", "+122.2%")),
     (14, "en", ("+13,204 yuan", "+26.2%", "+26.2%")),
     (16, "en", ("+1.1", "+78.6%", "+78.6%")),
     (29, "en", ("+1.48 percentage points", "+49.0%", "−49.0%")),
     (30, "en", ("−0.027 deaths per 100 million yuan of GDP", "−57.4%", "+57.4%"))],
)  # fmt: skip
def test_change_required_absolute_relative_and_in_the_direction_of_progress(indicators, no, lang, expected):
    assert change_texts(row(indicators, no), lang) == expected


def test_status_hold_required_text_and_any_rise(indicators):
    assert {no for no in range(1, 37) if status_of(row(indicators, no)) == "hold"} == {7, 24, 29, 35, 36}
    assert status_of(row(indicators, 18)) == "text" and change_texts(row(indicators, 18), "en") is None
    assert any_change(row(indicators, 9)) == "rise"  # ＞85.7 from 85.7: any rise, no size
    assert change_line(row(indicators, 9), "en") == "Change required: any rise above the 2020 value"
    assert change_line(row(indicators, 7), "en") == "Met in 2020; the bound lies −0.33 percentage points (−0.5%) from the 2020 value"
    assert change_line(row(indicators, 18), "zh") == "无法计算变化"


def test_explanations(indicators):
    assert explanation(row(indicators, 1), "en") is None
    assert explanation(row(indicators, 18), "en") == "The target is text, not a number, so no change can be computed."
    assert explanation(row(indicators, 16), "en").startswith("Values are ratios (x:1)")
    assert explanation(row(indicators, 30), "en") == (
        "The 2020 value is written as a bound (at most 0.047 deaths per 100 million yuan of GDP), not as a measured value; "
        "the change is computed from 0.047."
    )
    assert explanation(row(indicators, 29), "zh").startswith("2020年已达到：2020年数值（3.02%）已满足目标（小于4.5%）")


def test_chart_frame_rows_and_values(indicators):
    frame = chart_frame(indicators, "en")
    assert frame["kind"].value_counts().to_dict() == {"indicator": 36, "category": 4}
    assert frame["key"].tolist()[:3] == ["c1", "i1", "i2"]
    by_no = frame[frame["kind"] == "indicator"].set_index("indicator_no")
    assert by_no.loc[21, "progress_pct"] == pytest.approx(580.809)
    assert by_no.loc[17, "progress_pct"] == pytest.approx(12.5) and by_no.loc[17, "label"] == "17 ↓ Energy consumption per unit of GDP"
    assert by_no.loc[29, "progress_pct"] == pytest.approx(-49.0066) and by_no.loc[29, "status"] == "Already met in 2020 (hold the level)"
    assert pd.isna(by_no.loc[18, "progress_pct"]) and by_no.loc[18, "value_text"] == "text target: no number"
    assert by_no.loc[9, "value_text"] == "any rise"
    assert by_no.loc[16, "value_text"] == "+78.6%"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_change_chart_spec(indicators, lang):
    spec = change_chart(indicators, lang, "desc").to_dict()
    assert spec["title"]["text"][0] == ("2020年到2024年目标所需的变化" if lang == "zh" else "Change required from 2020 to the 2024 target")
    assert spec["description"] == "desc"
    assert spec["height"] == {"step": 40}
    (values,) = [v for k, v in spec["datasets"].items() if len(v) == 40]
    assert {v["key"]: v.get("progress_pct") for v in values}["i33"] == pytest.approx(207.6923)
    bar = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    colour = bar["encoding"]["color"]["scale"]
    assert colour["range"] == [REQUIRED, HOLD] and len(colour["domain"]) == 2
    x = bar["encoding"]["x"]
    assert x["field"] == "progress_pct" and x["scale"]["domain"][0] < -49.0066 and x["scale"]["domain"][1] > 580.809
    assert x["axis"]["title"] == (
        "所需变化，占2020年数值%（+ 为进步）" if lang == "zh" else "Change required, % of 2020 value (+ = progress)"
    )
    assert "Source" in json.dumps(spec["title"]) or "资料来源" in json.dumps(spec["title"], ensure_ascii=False)


def test_change_chart_of_one_category_only_has_its_rows(indicators):
    social = indicators[indicators["category_en"] == "Social progress"]
    frame = chart_frame(social, "en")
    assert frame["label"].tolist()[0] == "Social progress" and frame["indicator_no"].dropna().astype(int).tolist() == list(range(22, 31))
    spec = change_chart(social, "en").to_dict()
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"][0] < -49  # indicator 29 has room on the left


def test_chart_description(indicators):
    text = chart_description(indicators, "en")
    assert text.startswith("35 indicators with a numeric target. 30 require improvement; the largest required change is 21 ")
    assert "(+580.8%)" in text and "5 were already met in 2020" in text and "Indicator 16 is a ratio" in text and "Indicator 18" in text
    innovation = indicators[indicators["indicator_no"] <= 6]
    assert "ratio" not in chart_description(innovation, "en") and "lower is better" not in chart_description(innovation, "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_and_csv(indicators, lang):
    table = indicator_table(indicators, lang)
    assert len(table) == 36
    if lang == "en":
        assert list(table.columns)[:6] == ["No.", "Category", "Indicator", "Unit", "Unit basis", "2020 (as written)"]
        r17 = table[table["No."] == 17].iloc[0]
        assert r17["Direction of progress"] == "↓ lower is better" and r17["Change required (% of 2020)"] == -12.5
        assert table[table["No."] == 7].iloc[0]["Target comparator"] == "> (more than)"
        assert table[table["No."] == 7].iloc[0]["Met in 2020"] == "yes"
        assert table[table["No."] == 18].iloc[0]["Met in 2020"] == "—"
    else:
        assert list(table.columns)[:3] == ["序号", "类别", "指标"]
    csv = to_csv_bytes(table)
    assert csv.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens UTF-8 Chinese correctly
    back = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
    assert len(back) == 36 and list(back.columns) == list(table.columns)
    if lang == "zh":
        assert "单位国内生产总值能耗" in csv.decode("utf-8-sig")


def test_list_html_links_keep_the_url_state_and_escape_data(indicators):
    html = indicator_list_html(indicators, "en", {"lang": "en", "category": "2"}, selected=17)
    assert html.count('class="ind-item') == 36
    assert 'href="?lang=en&amp;category=2&amp;indicator=17"' in html and 'class="ind-item sel"' in html
    assert "Already met in 2020 (hold the level)" in html and "⚠ 2 data notes" in html
    evil = indicators.head(1).assign(name_en='<img src=x onerror="alert(1)">')
    assert "<img" not in indicator_list_html(evil, "en", {"lang": "en"})


def test_detail_html(indicators):
    html = figures_html(row(indicators, 17), "en") + facts_html(row(indicators, 17), "en")
    assert '<div class="v">−0.26<span class="u">tce per 10,000 yuan of GDP</span></div>' in html
    assert "−12.5%" in html and "↓ lower is better" in html and "Municipal Development and Reform Commission" in html
    assert "单位国内生产总值能耗（吨标煤/万元）" in html  # the source wording, marked as Chinese
    context = facts_html(row(indicators, 26), "en")
    assert "beds per 1,000 people (inferred from context: the indicator&#39;s name gives no unit)" in context


def test_programs_and_notes_html(indicators):
    programs = data.indicator_programs(20)
    assert programs["program_no"].tolist() == [7, 20]
    html = programs_html(programs, "en")
    # Each program in its action's colour: the class names the action, the stylesheet gives it the action's colour.
    assert '<li class="action-2">' in html and '<li class="action-4">' in html
    css = stylesheet("parts", "streamlit")
    assert all(f".ind-progs li.action-{no} {{ --accent: var(--action-{no}); }}" in css for no in ACTION_COLORS)
    assert palette()["action-2"] == ACTION_COLORS[2] and palette()["action-4"] == ACTION_COLORS[4]
    assert "Program 20 · Agriculture and Animal Husbandry Energy Saving and Carbon Reduction Program" in html
    assert "农田灌溉水有效利用系数达到0.59" in html
    assert programs_html(data.indicator_programs(27), "en").strip() == (
        '<p class="ind-none">No key program&#39;s text addresses this indicator directly.</p>'
    )
    notes = notes_html(data.notes_for("indicator:17"), "en")
    assert "Contradiction in the source:" in notes and "falls to 1.5 tce" in notes


def test_curated_indicator_program_links(con):
    links = con.execute("SELECT indicator_no, list(program_no ORDER BY program_no) FROM indicator_programs GROUP BY ALL").fetchall()
    links = dict(links)
    assert links[17] == [14, 17] and links[20] == [7, 20] and links[19] == [7, 8, 9] and links[31] == [9, 12]
    assert links[32] == [15, 20] and links[33] == [15, 17, 20] and links[35] == [1] and links[36] == [1, 6]
    stale = con.execute(
        """SELECT count(*) FROM indicator_programs l JOIN programs g USING (program_no)
           WHERE position(l.evidence_zh IN g.body_zh) = 0 OR l.reason_en = '' OR l.reason_zh = ''"""
    ).fetchone()[0]
    assert stale == 0


def test_a_link_whose_quote_left_the_program_text_stops_the_build(tmp_path, monkeypatch):
    curated = tmp_path / "curated"
    shutil.copytree(settings.CURATED, curated)
    path = curated / "indicator_programs.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("农田灌溉水有效利用系数达到0.59", "农田灌溉水有效利用系数达到0.61"), encoding="utf-8"
    )
    monkeypatch.setattr(settings, "CURATED", curated)
    db = tmp_path / "ordos.duckdb"
    with pytest.raises(BuildError, match=r"indicator 20 -> program 20: evidence '农田灌溉水有效利用系数达到0.61' does not occur"):
        build(curated=curated, database=db)
    assert not db.exists()


# ------------------------------------------------------------------------- progress since 2020


def observations(*rows) -> pd.DataFrame:
    """Observation rows as the observations table holds them: (indicator, year, value, value as written)."""
    return pd.DataFrame(
        [{"indicator_no": no, "year": year, "value": value, "value_text": text, "source_title": "Bulletin", "source_ref": "DOC-1",
          "published": pd.Timestamp(f"{year + 1}-03-01"), "note": None} for no, year, value, text in rows]
    )  # fmt: skip


def progress_of(**states) -> pd.DataFrame:
    """indicator_status rows for the 36 indicators: no data unless given as i<no>=(status, latest year)."""
    rows = []
    for no in range(1, 37):
        status, year = states.get(f"i{no}", ("no_data", None))
        rows.append({"indicator_no": no, "status": status, "observations": 0 if year is None else 1, "latest_year": year,
                     "latest_value": None, "expected_at_latest": None})  # fmt: skip
    return pd.DataFrame(rows)


def test_status_vocabulary_is_one_set_of_icons_and_words_in_both_languages():
    assert set(progress.STATUSES) == set(progress.ICONS) == set(STATUS_COLORS)
    assert [progress.label(s, "en") for s in progress.STATUSES] == [
        "✓ Achieved", "↗ On track", "⚠ Off track", "? Not assessable", "– No data"]  # fmt: skip
    assert [progress.label(s, "zh") for s in progress.STATUSES] == ["✓ 已达到", "↗ 进度正常", "⚠ 进度滞后", "? 无法评估", "– 暂无数据"]
    chip = status_chip_html("off_track", "en", 4)
    assert "⚠" in chip and "Off track" in chip and "<b>4</b>" in chip  # never the colour alone


def test_status_counts_by_category_include_zeros(indicators):
    progress = progress_of(i32=("off_track", 2023), i33=("on_track", 2023), i29=("achieved", 2023), i18=("not_assessable", 2023))
    counts = status_counts(indicators, progress, "en").set_index(["category", "status"])["indicators"]
    distinctive = categories(indicators, "en")[3]
    assert counts[distinctive].to_dict() == {"achieved": 0, "on_track": 1, "off_track": 1, "not_assessable": 0, "no_data": 4}
    assert counts.sum() == 36 and counts[:, "no_data"].sum() == 32


def test_overview_is_an_empty_state_without_observations_and_tiles_with_them(indicators):
    empty = progress_overview_html(indicators, progress_of(), "en", {"lang": "en"})
    assert "No observed values have been published in the app yet" in empty and "pg-tile" not in empty
    assert "Observed values from official statistical bulletins will be added here, each with its source" in empty
    html = progress_overview_html(indicators, progress_of(i32=("off_track", 2023)), "en", {"lang": "en", "category": "4"})
    assert "Observed values have been published for 1 of the 36 indicators (latest year: 2023)." in html
    assert 'href="?lang=en&amp;category=4&amp;indicator=32"' in html and html.count('<a class="pg-tile') == 36
    assert html.count('<a class="pg-tile pg-no_data"') == 35


def test_trajectory_of_a_target_already_met_in_2020_draws_the_bound_not_a_path(indicators):
    frame = trajectory_frame(row(indicators, 7), observations((7, 2024, 69.2, "69.2")), "en")
    assert "path" not in set(frame["kind"])
    bound = frame[frame["kind"] == "bound"]
    assert bound[["year", "value"]].values.tolist() == [[2020, 70.0], [2024, 70.0]]
    assert frame.set_index("kind").loc["target", "label"] == ">70%" and frame.set_index("kind").loc["baseline", "label"] == "70.33%"


def test_trajectory_of_a_text_target_has_no_path_and_no_target_point(indicators):
    frame = trajectory_frame(row(indicators, 18), observations((18, 2023, 20.5, "20.5")), "en")
    assert sorted(frame["kind"]) == ["baseline", "observed"]
    spec = trajectory_chart(row(indicators, 18), observations((18, 2023, 20.5, "20.5")), "en").to_dict()
    assert spec["layer"][0]["encoding"]["x"]["axis"]["values"] == [2020, 2021, 2022, 2023, 2024]  # the target year stays in view


def test_trajectory_of_a_ratio_uses_the_first_term_and_keeps_the_written_form(indicators):
    frame = trajectory_frame(row(indicators, 16), observations((16, 2023, 2.1, "2.1：1")), "zh").set_index("kind")
    assert frame.loc["observed", ["value", "label"]].tolist() == [2.1, "2.1:1"]
    assert frame.loc["target", ["value", "label"]].tolist() == [2.5, "2.5:1"] and frame.loc["baseline", "label"] == "1.4:1"
    spec = trajectory_chart(row(indicators, 16), observations((16, 2023, 2.1, "2.1:1")), "en").to_dict()
    assert spec["layer"][0]["encoding"]["y"]["axis"]["title"] == "First term of the ratio x:1"


def test_trajectory_lower_is_better_path_falls_and_the_status_sentence_says_where_it_stands(indicators):
    r = row(indicators, 17)
    obs = observations((17, 2023, 1.95, "1.95"))
    frame = trajectory_frame(r, obs, "en")
    assert frame[frame["kind"] == "path"]["value"].tolist() == [2.08, 1.82]
    assert frame[frame["kind"] == "observed"]["label_above"].tolist() == [True]  # 1.95 lies above the line's 1.885
    assert status_sentence(r, "off_track", obs, "en") == (
        "The latest observed value, 1.95 tce per 10,000 yuan of GDP (2023), is behind the straight path from the 2020 value "
        "to the 2024 target (1.82 tce per 10,000 yuan of GDP), which stands at 1.885 tce per 10,000 yuan of GDP in 2023."
    )
    spec = trajectory_chart(r, obs, "zh").to_dict()
    assert spec["title"]["text"] == ["实际值与目标路径", "从2020年数值到2024年目标"]
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"} and spec["height"] == 260
    description = trajectory_description(r, "off_track", obs, "en")
    assert description.startswith("2020 value 2.08 tce per 10,000 yuan of GDP; 2024 target: reach 1.82 tce per 10,000 yuan of GDP;")
    assert "Observed: 1.95 tce per 10,000 yuan of GDP (2023). ⚠ Off track:" in description


def test_observation_sources_are_escaped_and_only_web_addresses_are_links(indicators):
    obs = observations((32, 2023, 12.1, "12.1"), (32, 2022, 9.6, "9.6"))
    obs.loc[0, ["source_title", "source_ref", "note"]] = ["<script>x</script>", "https://stats.example.org/a?b=1&c=2", "revised"]
    obs.loc[1, "source_ref"] = "javascript:alert(1)"
    html = observations_html(obs, row(indicators, 32), "en")
    assert "<script>" not in html and "<cite>&lt;script&gt;x&lt;/script&gt;</cite>" in html
    assert '<a href="https://stats.example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">' in html
    assert "<span>javascript:alert(1)</span>" in html and 'href="javascript' not in html
    assert html.index("12.1%") < html.index("9.6%")  # latest first
    assert "published March 1, 2024" in html and "revised" in html
