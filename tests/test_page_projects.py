"""The Projects page: both languages, the deep link ?project=N (and ?action=N / ?program=N), malformed
values falling back to the default view, the skew figures computed from the data, the filterable table,
the detail of one project, the selection written back to the URL, and an English page without Chinese
outside the marked source quotes."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import charts_of, html_of, open_page, open_tab, page_text

PAGE = "pages/projects.py"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Chinese allowed on the English page: the location as the plan writes it, the source sentence behind the total,
# and source wording quoted in a data note, each marked as such.
SOURCE_QUOTES = re.compile(r'<q lang="zh">.*?</q>|<blockquote>.*?</blockquote>|<span lang="zh">.*?</span>', re.S)


def on_tab(at, lang: str, tab: int):
    """Open a tab (0 investment and timeline, 1 all projects, 2 project detail): only the open tab is drawn."""
    return open_tab(at, f"projects-tabs-{lang}", tab)


def table_nos(at) -> list[int]:
    (frame,) = [df.value for df in at.dataframe]
    return frame.iloc[:, 0].tolist()


def visible_text(at) -> str:
    """Everything a visitor can read, widgets and chart specs included."""
    parts = [page_text(at), *(tab.label for tab in at.tabs)]
    for kind in ("selectbox", "multiselect", "text_input", "checkbox", "slider", "expander", "button_group", "download_button"):
        for widget in at.get(kind):
            proto = widget.proto
            parts += [str(getattr(proto, "label", "")), str(getattr(proto, "placeholder", "")), str(getattr(proto, "help", ""))]
            parts += [str(o) for o in getattr(proto, "options", [])]
    for df in at.dataframe:
        parts += [" ".join(map(str, df.value.columns)), df.value.to_string()]
    for chart in charts_of(at):
        spec = chart.spec
        parts.append(json.dumps({k: spec.get(k) for k in ("title", "description", "layer")}, ensure_ascii=False))
        parts.append(chart.svg)  # the text drawn in the picture
    return "\n".join(parts)


@pytest.fixture(scope="module")
def totals(con):
    total = con.execute("SELECT sum(investment_yi) FROM projects").fetchone()[0]
    top3 = con.execute("SELECT sum(v) FROM (SELECT investment_yi v FROM projects ORDER BY v DESC LIMIT 3)").fetchone()[0]
    big = con.execute("SELECT count(*), sum(investment_yi) FROM projects WHERE investment_yi >= 100").fetchone()
    return {"total": total, "top3": top3 / total, "big_n": big[0], "big": big[1] / total}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_default_view_both_languages(lang, totals):
    at = open_page(PAGE, lang=lang)
    assert not at.exception
    labels = [tab.label for tab in at.tabs]
    assert labels == (
        ["投资与建设年限", "全部项目", "项目详情"] if lang == "zh" else ["Investment and timeline", "All projects", "Project detail"]
    )
    assert at.session_state[f"projects-tabs-{lang}"] == labels[0]
    # the investment chart and the timeline are both in the tab open at load (the skew and the years at once)
    first = charts_of(at, at.tabs[0])
    titles = [c.spec["title"]["text"] for c in first]
    assert titles == (
        ["各重点行动的计划投资", "项目建设年限"] if lang == "zh" else ["Planned investment by key action", "When the projects run"]
    )
    assert not at.dataframe and not at.get("selectbox")  # the closed tabs are not drawn
    html = html_of(at)
    text = page_text(at)
    assert ("第3号（至2030年）" if lang == "zh" else "No. 3 (to 2030)") in text + html
    # the total: exactly as the plan states it in Chinese; rounded by core.fmt.money_yi in English, the exact figure beside its source
    if lang == "zh":
        assert '2,048.463 <span class="u">亿元</span>' in html
    else:
        assert 'CNY\u00a0204.8 <span class="u">billion</span>' in html and "billion yuan" not in html
        assert "exact figure: 2,048.463 (in units of CNY 100 million), that is CNY 204.8463 billion" in html
    assert f"{totals['top3'] * 100:.1f}%" == "53.9%" and "53.9%" in html
    assert f"{totals['big'] * 100:.1f}%" in html
    assert ("2、21、19、24、23、26" if lang == "zh" else "2, 21, 19, 24, 23, 26") in html
    assert table_nos(on_tab(at, lang, 1)) == list(range(1, 40))
    assert not charts_of(at)
    on_tab(at, lang, 2)
    assert at.selectbox(key="projects-pick").value is None
    assert len(at.info) == 1  # the detail tab invites a choice
    assert not at.dataframe and not charts_of(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_deep_link_opens_project_detail(lang, con):
    at = open_page(PAGE, lang=lang, project="21")
    assert not at.exception
    assert at.selectbox(key="projects-pick").value == 21
    assert at.session_state[f"projects-tabs-{lang}"] == ("项目详情" if lang == "zh" else "Project detail")
    name, location, body = con.execute(
        f"""SELECT p.name_{lang}, p.location_{lang}, g.body_{lang} FROM projects p JOIN programs g USING (program_no)
            WHERE project_no = 21"""
    ).fetchone()
    html = html_of(at)
    assert f"21 · {name}" in html
    assert location in html
    assert ("368 亿元 · 占总额18.0%" if lang == "zh" else "CNY 36.8 billion · 18.0% of the total") in html
    assert " ".join(body.split())[:80] in html  # the program's paragraph, in the expander
    district = "鄂托克前旗" if lang == "zh" else "Otog Front Banner"
    assert f'<span class="v">{district}</span>' in html  # the district the map counts it in
    expander_labels = [e.label for e in at.expander]
    assert any("14" in label for label in expander_labels)


def test_unplaced_project_is_shown_honestly(con):
    at = open_page(PAGE, lang="zh", project="19")
    assert not at.exception
    html = html_of(at)
    assert html.count("文件未说明所属旗区：不在地图上标注") == 3
    assert '<span class="v">无：文件未说明其地点所属旗区</span>' in html
    note = con.execute("SELECT note_zh FROM data_notes WHERE subject = 'project:19'").fetchone()[0]
    assert note in html


@pytest.mark.parametrize("bad", ["abc", "0", "40", "-1", "21.5", "", "21;DROP", "1e3"])
def test_malformed_project_falls_back(bad):
    at = open_page(PAGE, lang="en", project=bad)
    assert not at.exception
    assert not at.error
    assert at.session_state["projects-tabs-en"] == "Investment and timeline"
    assert on_tab(at, "en", 2).selectbox(key="projects-pick").value is None
    assert table_nos(on_tab(at, "en", 1)) == list(range(1, 40))


def test_action_and_program_links_filter_the_table(con):
    at = open_page(PAGE, lang="en", action="3")
    assert not at.exception
    expected = [r[0] for r in con.execute("SELECT project_no FROM projects WHERE action_no = 3 ORDER BY 1").fetchall()]
    assert table_nos(at) == expected
    assert at.multiselect(key="projects-f-action").value == [3]
    assert at.session_state["projects-tabs-en"] == "All projects"
    at = open_page(PAGE, lang="zh", program="15")
    assert table_nos(at) == [22, 23]
    for bad in ("99", "x"):
        at = open_page(PAGE, lang="en", action=bad, program=bad)
        assert not at.exception and at.session_state["projects-tabs-en"] == "Investment and timeline"
        assert table_nos(on_tab(at, "en", 1)) == list(range(1, 40))


def test_selection_is_written_back_to_the_url():
    at = on_tab(open_page(PAGE, lang="en"), "en", 2)
    at.selectbox(key="projects-pick").set_value(24).run()
    assert at.query_params["project"] == ["24"] or at.query_params["project"] == "24"
    assert "24 · Coal-to-Olefins" in html_of(at)
    at.selectbox(key="projects-pick").set_value(None).run()
    assert "project" not in at.query_params
    on_tab(at, "en", 1)
    at.multiselect(key="projects-f-action").set_value([2]).run()
    assert str(at.query_params["action"]).strip("[]'") == "2"
    at.multiselect(key="projects-f-action").set_value([2, 4]).run()
    assert "action" not in at.query_params
    assert at.query_params["lang"] in ("en", ["en"])


def test_filters_search_and_district(con):
    at = on_tab(open_page(PAGE, lang="en"), "en", 1)
    at.text_input(key="projects-search").input("光伏").run()
    assert table_nos(at) == [2, 22, 37]
    at.text_input(key="projects-search").input("").run()
    at.selectbox(key="projects-f-district").set_value("150622").run()
    at.checkbox(key="projects-f-citywide").uncheck().run()
    named = [r[0] for r in con.execute(
        "SELECT project_no FROM project_districts WHERE district_code = '150622' AND basis = 'named' ORDER BY 1").fetchall()]  # fmt: skip
    assert table_nos(at) == named
    total = con.execute(f"SELECT sum(investment_yi) FROM projects WHERE project_no IN ({','.join(map(str, named))})").fetchone()[0]
    assert f"{len(named)} of 39 projects shown" in page_text(at)
    assert total > 400  # project 2 is among them
    at.slider(key="projects-f-years").set_value((2026, 2035)).run()
    assert table_nos(at) == [3, 15]  # both run past 2025 and name Jungar Banner


def test_english_page_has_no_chinese_outside_source_quotes():
    for params in ({}, {"project": "2"}, {"project": "16"}, {"action": "1"}):
        at = open_page(PAGE, lang="en", **params)
        shown = [visible_text(on_tab(at, "en", tab)) + html_of(at) for tab in (0, 1, 2)]
        text = SOURCE_QUOTES.sub("", "\n".join(shown))
        found = CJK.findall(text)
        assert not found, (params, "".join(found)[:60])


def test_chinese_page_speaks_chinese():
    at = open_page(PAGE, lang="zh", project="2")
    html = html_of(at)
    assert "建设地点在地图上" in html and "Location on the map" not in html
    assert '<q lang="zh">' not in html  # no separate source quote needed: the location is already as written
    assert on_tab(at, "zh", 1).dataframe[0].value.columns[0] == "序号"


def test_chinese_page_widgets_speak_chinese():
    at = on_tab(open_page(PAGE, lang="zh"), "zh", 1)
    placeholders = [m.proto.placeholder for m in at.multiselect]
    assert placeholders == ["全部", "全部", "全部"]
    assert at.selectbox(key="projects-f-district").proto.placeholder == "全部旗区"
    assert "显示39个项目中的39个 · 合计2,048.463 亿元，占总额100.0%" in page_text(at)


def test_filters_are_kept_while_their_tab_is_closed():
    at = on_tab(open_page(PAGE, lang="en"), "en", 1)
    at.text_input(key="projects-search").input("光伏").run()
    assert table_nos(at) == [2, 22, 37]
    on_tab(at, "en", 0)
    assert not at.dataframe and len(charts_of(at)) == 2
    assert table_nos(on_tab(at, "en", 1)) == [2, 22, 37]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_first_view_lists_the_largest_projects_with_their_amounts_as_text(lang, con):
    from markupsafe import escape

    from core import fmt

    html = html_of(open_page("pages/projects.py", lang=lang))
    listed = re.search(r'<ol class="pj-largest">(.*?)</ol>', html, re.S)
    assert listed, "the largest projects are on the default view, outside any tab or chart"
    expected = con.execute(
        f"SELECT project_no, name_{lang}, investment_yi FROM projects WHERE investment_yi >= 100 ORDER BY investment_yi DESC, project_no"
    ).fetchall()
    items = re.findall(r"<li.*?</li>", listed.group(1), re.S)
    assert len(items) == len(expected) == 6
    for item, (no, name, amount) in zip(items, expected, strict=True):
        assert f'<span class="no">{no}</span> {escape(name)}</a>' in item and fmt.amount(amount, lang) in item
        assert f"project={no}" in item
    assert ("368 亿元" if lang == "zh" else "CNY 36.8 billion") in items[1]
