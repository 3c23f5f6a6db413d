"""Builders of the projects page, without a server: the ranked investment bars (amount and share on every
bar, colours per key action), the timeline, the skew figures, the table's filter and the detail card.
Expected values come from the database through independent SQL, never from the builders."""

from __future__ import annotations

import re
from itertools import accumulate

import pytest

from components.projects import charts, detail, summary, table, timeline
from components.render import stylesheet
from components.theme import ACTION_COLORS, palette
from core import data, fmt


@pytest.fixture(scope="module")
def frames():
    return data.projects(), data.programs(), data.actions()


def layer_values(chart, index: int) -> list[dict]:
    """The data rows of one layer of a layered chart spec."""
    spec = chart.to_dict()
    layer = spec["layer"][index]
    name = layer["data"]["name"]
    return spec["datasets"][name]


def test_amount_keeps_the_documents_precision():
    assert fmt.amount(330.27, "zh") == "330.27 亿元"
    assert fmt.amount(330.27, "en") == "CNY 33.027 billion"
    assert fmt.amount(406.0, "en") == "CNY 40.6 billion"
    assert fmt.amount(7.873, "en") == "CNY 787.3 million"
    assert fmt.amount(0.1, "en") == "CNY 10 million"
    assert fmt.amount(2048.463, "en") == "CNY 204.8463 billion"
    assert fmt.amount(2048.463, "zh") == "2,048.463 亿元"


def test_share_text_does_not_round_small_shares_to_zero():
    assert fmt.share_text(0.19819, "en") == "19.8%"
    assert fmt.share_text(0.1 / 2048.463, "en") == "<0.1%"
    assert fmt.share_text(0.0, "en") == "0.0%"


def test_skew_summary_from_the_data(con, frames):
    projects, _, _ = frames
    total = con.execute("SELECT sum(investment_yi) FROM projects").fetchone()[0]
    ranked = [r[0] for r in con.execute("SELECT investment_yi FROM projects ORDER BY investment_yi DESC").fetchall()]
    skew = summary.skew_summary(projects)
    running = list(accumulate(ranked))
    n = next(i for i, value in enumerate(running, start=1) if value / total >= 0.5)
    cumulative = running[n - 1]
    assert skew["half_n"] == n == 3
    assert skew["half_share"] == pytest.approx(cumulative / total)
    big = con.execute(
        "SELECT list(project_no ORDER BY investment_yi DESC), sum(investment_yi) FROM projects WHERE investment_yi >= 100"
    ).fetchone()
    assert skew["big_nos"] == big[0] == [2, 21, 19, 24, 23, 26]
    assert skew["big_share"] == pytest.approx(big[1] / total)
    small = con.execute("SELECT count(*), sum(investment_yi) FROM projects WHERE investment_yi < 1").fetchone()
    assert (skew["small_n"], skew["small_yi"]) == (small[0], pytest.approx(small[1]))
    sentence = summary.skew_sentence(skew, "en")
    assert "the 3 largest projects account for 53.9% of the total" in sentence
    assert f"{small[0]} of the 39 projects are under CNY 100 million" in sentence
    assert "2、21、19、24、23、26" in summary.skew_sentence(skew, "zh")


def test_action_chart_sorted_with_amount_and_share(con, frames):
    _, _, actions = frames
    expected = con.execute(
        """SELECT a.action_no, a.name_zh, sum(p.investment_yi), sum(p.investment_yi) / (SELECT sum(investment_yi) FROM projects)
           FROM actions a JOIN projects p USING (action_no) GROUP BY ALL ORDER BY 3 DESC"""
    ).fetchall()
    chart = charts.action_investment_chart(actions, "zh")
    rows = layer_values(chart, 1)  # the name layer carries one row per bar, in drawing order
    assert [r["key"] for r in rows] == [str(e[0]) for e in expected]
    assert [r["label"] for r in rows] == [e[1] for e in expected]
    assert [r["plot"] for r in rows] == pytest.approx([e[2] for e in expected])
    first = expected[0]
    assert rows[0]["text"] == f"{fmt.number(first[2], 'zh')} 亿元 · {fmt.percent(first[3], 'zh')}"
    spec = chart.to_dict()
    assert spec["title"]["text"] == "各重点行动的计划投资"
    assert spec["description"].startswith("横向条形图")
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"]["range"] == [ACTION_COLORS[n] for n in range(1, 6)]
    assert colour["legend"] is None  # the rows already name the actions
    assert spec["layer"][0]["encoding"]["y"]["sort"] == [str(e[0]) for e in expected]


def test_project_chart_shows_all_39_with_labels_in_english(con, frames):
    projects, _, actions = frames
    chart = charts.project_investment_chart(projects, actions, "en")
    rows = layer_values(chart, 1)
    order = [r[0] for r in con.execute("SELECT project_no FROM projects ORDER BY investment_yi DESC, project_no").fetchall()]
    assert [int(r["key"]) for r in rows] == order
    assert rows[0]["text"] == "CNY 40.6 billion · 19.8%"
    assert rows[0]["label"].startswith("2 · ")
    assert rows[-1]["text"].endswith("<0.1%")
    # the English axis speaks CNY billion, like the labels
    assert rows[0]["plot"] == pytest.approx(40.6)
    spec = chart.to_dict()
    assert spec["title"]["text"] == "Planned investment by project"
    assert spec["layer"][0]["encoding"]["x"]["axis"]["title"] == "Planned investment (CNY billion)"
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domainMin"] == 0  # bars stay proportional
    bars = layer_values(chart, 0)
    names = dict(zip(actions["action_no"], actions["name_en"], strict=True))
    action_of = dict(con.execute("SELECT project_no::VARCHAR, action_no FROM projects").fetchall())
    assert all(b["action"] == names[action_of[b["key"]]] for b in bars)
    assert not any(re.search(r"[\u4e00-\u9fff]", str(r)) for r in rows)


def test_program_chart_colours_follow_actions(con, frames):
    _, programs, actions = frames
    chart = charts.program_investment_chart(programs, actions, "en")
    spec = chart.to_dict()
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    colour_of = dict(zip(scale["domain"], scale["range"], strict=True))
    action_of = dict(con.execute("SELECT program_no::VARCHAR, action_no FROM programs").fetchall())
    bars = layer_values(chart, 0)
    assert len(bars) == 24
    assert all(colour_of[b["action"]] == ACTION_COLORS[action_of[b["key"]]] for b in bars)


def test_department_totals_and_stacks(con, frames):
    projects, _, actions = frames
    expected = con.execute("SELECT lead_dept_en, count(*), sum(investment_yi) FROM projects GROUP BY 1 ORDER BY 3 DESC, 1").fetchall()
    totals = charts.department_totals(projects, "en")
    assert totals["department"].tolist() == [e[0] for e in expected]
    assert totals["projects"].tolist() == [e[1] for e in expected]
    assert totals["investment_yi"].tolist() == pytest.approx([e[2] for e in expected])
    assert totals["department"].iloc[0] == "Municipal Energy Bureau"
    chart = charts.department_investment_chart(projects, actions, "en")
    bars = layer_values(chart, 0)
    energy = [b for b in bars if b["key"] == "Municipal Energy Bureau"]
    # the Energy Bureau leads projects in two key actions: its bar has two segments
    parts = con.execute(
        "SELECT action_no, sum(investment_yi) / 10 FROM projects WHERE lead_dept_en = 'Municipal Energy Bureau' GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert sorted(b["plot"] for b in energy) == pytest.approx(sorted(p[1] for p in parts))
    assert len(parts) == 2
    zh = charts.department_totals(projects, "zh")
    assert zh["department"].iloc[0] == "市能源局"


def test_timeline_bars_run_through_the_end_year(con, frames):
    projects, _, actions = frames
    frame = timeline.timeline_frame(projects, actions, "en")
    expected = con.execute("SELECT project_no FROM projects ORDER BY action_no, start_year, end_year, project_no").fetchall()
    assert frame["project_no"].tolist() == [e[0] for e in expected]
    assert (frame["bar_end"] == frame["end_year"] + 1).all()
    row15 = frame.set_index("project_no").loc[15]
    assert (row15["start_year"], row15["end_year"], row15["years"]) == (2021, 2035, "2021–2035")
    spec = timeline.timeline_chart(projects, actions, "zh").to_dict()
    assert spec["title"]["text"] == "项目建设年限"
    bar = spec["layer"][1]
    assert bar["encoding"]["x"]["field"] == "start_year" and bar["encoding"]["x2"]["field"] == "bar_end"
    assert bar["encoding"]["color"]["scale"]["range"] == [ACTION_COLORS[n] for n in range(1, 6)]
    assert spec["datasets"][spec["layer"][0]["data"]["name"]] == [{"year": 2025}]


def test_long_runner_note_names_projects_past_2025(con, frames):
    projects, _, _ = frames
    late = con.execute("SELECT project_no, end_year FROM projects WHERE end_year > 2025 ORDER BY 1").fetchall()
    assert late == [(3, 2030), (15, 2035)]
    note = timeline.long_runner_note(projects, "en")
    assert "No. 3 (to 2030), No. 15 (to 2035)" in note
    assert "第3号（至2030年）、第15号（至2035年）" in timeline.long_runner_note(projects, "zh")


def _nos(frame) -> list[int]:
    return sorted(frame["project_no"].tolist())


def test_filter_by_text_in_both_languages(con, frames):
    projects, _, _ = frames
    for needle in ("光伏", "hydrogen", "Hydrogen"):
        expected = con.execute(
            """SELECT project_no FROM projects WHERE lower(concat_ws(' ', name_zh, name_en, content_zh, content_en, location_zh,
               location_en, lead_dept_zh, lead_dept_en)) LIKE '%' || lower(?) || '%' ORDER BY 1""",
            [needle],
        ).fetchall()
        assert _nos(table.filter_projects(projects, text=needle)) == [e[0] for e in expected]
    assert _nos(table.filter_projects(projects, text="19")) == [19]  # a number finds that project (and text that has it)
    assert 21 in _nos(table.filter_projects(projects, text="21"))
    assert len(table.filter_projects(projects, text="  ")) == 39


def test_filter_by_district_and_citywide(con, frames):
    projects, _, _ = frames
    named = [r[0] for r in con.execute(
        "SELECT project_no FROM project_districts WHERE district_code = '150622' AND basis IN ('named', 'gazetteer') ORDER BY 1"
    ).fetchall()]  # fmt: skip
    assert _nos(table.filter_projects(projects, district="150622", include_citywide=False)) == named
    covering = [r[0] for r in con.execute(
        """SELECT project_no FROM project_districts WHERE district_code = '150603'
           UNION SELECT project_no FROM projects WHERE scope = 'citywide'
                 AND project_no NOT IN (SELECT project_no FROM project_districts) ORDER BY 1"""
    ).fetchall()]  # fmt: skip
    kangbashi = _nos(table.filter_projects(projects, district="150603"))
    assert kangbashi == covering
    assert 12 not in kangbashi  # 'the 8 other than Kangbashi'
    assert 1 in kangbashi  # '8 unnamed districts' may include it
    assert table.filter_projects(projects, district="150603", include_citywide=False).empty
    unplaced = {19, 24}
    for code in data.districts()["district_code"]:
        assert not unplaced & set(table.filter_projects(projects, district=code)["project_no"])


def test_filter_by_action_program_department_and_years(con, frames):
    projects, _, _ = frames
    assert _nos(table.filter_projects(projects, actions=[3])) == [r[0] for r in con.execute(
        "SELECT project_no FROM projects WHERE action_no = 3 ORDER BY 1").fetchall()]  # fmt: skip
    assert _nos(table.filter_projects(projects, programs=[15])) == [22, 23]
    assert _nos(table.filter_projects(projects, departments=["Municipal Culture and Tourism Bureau"])) == [30, 31, 32, 33]
    assert _nos(table.filter_projects(projects, years=(2026, 2035))) == [3, 15]
    assert _nos(table.filter_projects(projects, years=(2021, 2021))) == [15, 16, 18]
    assert _nos(table.filter_projects(projects, actions=[3], years=(2025, 2025))) == [24]


def test_table_frame_headers_and_values(frames):
    projects, _, _ = frames
    en = table.table_frame(projects, "en")
    assert en.columns.tolist()[:4] == ["No.", "Project", "Investment (CNY 100 million)", "Share of total (%)"]
    row = en.set_index("No.").loc[19]
    assert row["Investment (CNY 100 million)"] == 330.27
    assert row["Location"] == "Mataihao Coal Mine, Selian No. 2 Coal Mine, Zhuanlongwan Coal Mine"
    assert not any(re.search(r"[\u4e00-\u9fff]", str(v)) for v in en.drop(columns=[]).to_numpy().ravel())
    zh = table.table_frame(projects, "zh")
    assert "建设地点" in zh.columns
    assert zh.set_index("序号").loc[2, "建设地点"] == "达拉特旗、东胜区、准格尔旗、杭锦旗、乌审旗、鄂托克旗、鄂托克前旗"


def test_detail_html_shows_how_places_resolve(frames):
    projects, _, _ = frames
    project = projects.set_index("project_no", drop=False).loc[19].to_dict()
    html = detail.detail_html(project, data.project_places(19), "en")
    assert html.count("not placed on the map") == 3
    assert "CNY 33.027 billion · 16.1% of the total" in html
    assert '<span class="ordos-chip action-3">' in html  # the chip takes key action 3's colour
    assert ".ordos-chip.action-3 { --accent: var(--action-3); }" in stylesheet("parts")
    assert palette()["action-3"] == ACTION_COLORS[3]
    assert '<q lang="zh">马泰壕煤矿、色连二号煤矿和转龙湾煤矿</q>' in html
    one = projects.set_index("project_no", drop=False).loc[1].to_dict()
    html_zh = detail.detail_html(one, data.project_places(1), "zh")
    assert "全市范围，但未说明是哪些旗区：不在地图上标注" in html_zh
    assert "单位名称而非地点：不在地图上标注" in html_zh


def test_detail_html_escapes_data():
    project = {
        "project_no": 99, "action_no": 1, "program_no": 1, "name_en": "<script>alert(1)</script>",
        "action_name_en": "A & B", "program_name_en": "P", "investment_yi": 1.0, "share": 0.5, "start_year": 2022,
        "end_year": 2024, "lead_dept_en": "Dept", "location_en": "L", "location_zh": "地点", "content_en": "<b>x</b>",
    }  # fmt: skip
    import pandas as pd

    places = pd.DataFrame([{"place_zh": "x", "place_en": "<img src=x>", "rule": "named"}])
    html = detail.detail_html(project, places, "en")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "<b>x</b>" not in html
    assert "A &amp; B" in html


def test_data_note_marks_quoted_chinese():
    html = detail.data_note_html("The text says 毛乌素沙地 (Mu Us) & <b>")
    assert html == ('<div class="ordos-note" role="note">The text says <span lang="zh">毛乌素沙地</span> (Mu Us) &amp; &lt;b&gt;</div>')


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("view", charts.VIEWS)
def test_units_match_what_is_drawn(con, frames, view, lang):
    """Axis and tooltips speak the unit plotted: 亿元 in Chinese, CNY billion in English (not 'CNY 100 million')."""
    projects, programs, actions = frames
    chart, _ = charts.investment_view(view, projects, programs, actions, lang)
    spec = chart.to_dict()
    bar = spec["layer"][0]["encoding"]
    assert bar["x"]["axis"]["title"] == ("计划投资（亿元）" if lang == "zh" else "Planned investment (CNY billion)")
    assert [tip["title"] for tip in bar["tooltip"]][1] == ("2025年前计划投资" if lang == "zh" else "Planned investment before 2025")
    rows = layer_values(chart, 1)
    total = con.execute("SELECT sum(investment_yi) FROM projects").fetchone()[0]
    assert sum(r["plot"] for r in rows) == pytest.approx(total if lang == "zh" else total / 10)
    assert all(("亿元" in r["text"]) == (lang == "zh") for r in rows)
    assert all(len(line) <= 60 for line in spec["title"]["subtitle"])  # fits a 390 px phone: titles do not wrap


def test_timeline_axis_ticks_are_real_years(frames):
    projects, _, actions = frames
    spec = timeline.timeline_chart(projects, actions, "en").to_dict()
    bar = spec["layer"][1]["encoding"]
    assert bar["x"]["axis"]["values"] == [2021, 2025, 2030, 2035]
    assert [tip["title"] for tip in bar["tooltip"]] == ["Project", "Years", "Planned investment before 2025"]


def test_total_card_rounds_in_english_and_keeps_the_exact_figure(con, frames):
    projects, _, _ = frames
    row = con.execute("SELECT value, quote_zh, label_en FROM facts WHERE fact_id = 'plan_total_investment'").fetchone()
    fact = {"value": row[0], "quote_zh": row[1], "label_en": row[2], "label_zh": "", "unit_zh": "亿元"}
    assert row[0] == pytest.approx(2048.463)
    en = summary.summary_cards(projects, fact, "en", "Source: the plan")[0]
    assert (en.value.strip(), en.unit) == ("CNY\u00a0204.8", "billion")  # core.fmt.money_yi: 'CNY 204.8 billion'
    assert en.quote == row[1] and "2048.463" in en.quote
    assert "2,048.463 (in units of CNY 100 million), that is CNY 204.8463 billion" in en.source
    zh = summary.summary_cards(projects, fact, "zh", "来源")[0]
    assert (zh.value.strip(), zh.unit, zh.source) == ("2,048.463", "亿元", "来源")


def test_detail_names_the_districts_the_map_counts(frames):
    projects, _, _ = frames
    by_no = projects.set_index("project_no", drop=False)
    names = {d["district_code"]: d["name_en"] for d in data.districts().to_dict("records")}
    assert detail.districts_text(by_no.loc[21].to_dict(), names, "en") == "Otog Front Banner"
    assert detail.districts_text(by_no.loc[30].to_dict(), names, "en") == "all 9 banners and districts"
    assert detail.districts_text(by_no.loc[19].to_dict(), names, "en").startswith("no district: the documents do not say")
    assert detail.districts_text(by_no.loc[1].to_dict(), names, "en").startswith("no district: city-wide")
    html = detail.detail_html(by_no.loc[21].to_dict(), data.project_places(21), "en", names)
    assert '<span class="k">Counted on the map in</span><span class="v">Otog Front Banner</span>' in html
