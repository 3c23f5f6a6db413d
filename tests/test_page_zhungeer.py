"""The Jungar Banner story page: both languages, the deep link ?chapter=N (unknown or malformed values show
chapter 1 without an error), the story's frame (title, lead, closing, source line), each chapter's figures
with their source sentences, the charts, the curated links to the city plan, the projects located in
Jungar Banner, honest picture captions, the chapter switch written back to the URL, and an English page
without Chinese outside the source quotes."""

from __future__ import annotations

import json
import re

import pytest
from markupsafe import escape

from core.i18n import t
from tests.conftest import charts_of, html_of, open_expanders, open_page, page_text

PAGE = "pages/zhungeer.py"
KEY = "zhungeer-chapter"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Chinese allowed on the English page: the source sentence behind each figure card.
SOURCE_QUOTES = re.compile(r"<blockquote[^>]*>.*?</blockquote>", re.S)


def links_of(at) -> dict[str, str]:
    return {link.proto.label: link.proto.query_string for link in at.get("page_link")}


def chart_specs(at) -> list[dict]:
    return [chart.spec for chart in charts_of(at)]


def chart_rows(at) -> list[list[dict]]:
    """Each chart's data: its spec's first dataset (the one its marks are drawn from)."""
    return [next(iter(chart.spec["datasets"].values())) for chart in charts_of(at)]


def chapter_row(con, chapter: int) -> dict:
    return con.execute("SELECT * FROM story_chapters WHERE chapter_no = ?", [chapter]).df().iloc[0].to_dict()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_default_view_is_chapter_1_with_the_story_frame(con, lang):
    at = open_page(PAGE, lang=lang)
    assert not at.exception and not at.error
    story = con.execute("SELECT * FROM story").df().iloc[0].to_dict()
    assert at.title[0].value == story[f"title_{lang}"]
    assert f'<p class="ordos-subtitle">{escape(story[f"subtitle_{lang}"])}</p>' in html_of(at)  # a subtitle, not a heading
    assert at.segmented_control(key=KEY).value == 1
    assert at.header[0].value == chapter_row(con, 1)[f"heading_{lang}"]
    text = page_text(at)
    for part in ("lead", "closing"):
        assert " ".join(story[f"{part}_{lang}"].split())[:80] in text
    assert text.count(story[f"source_line_{lang}"]) >= 2  # under the lead and under the closing
    assert story["source_line_zh"] == "数据来源：中共准格尔旗委宣传部"
    # Jungar Banner's place on the Ordos map: the static district map as a picture, with its text alternative
    assert 'class="ordos-picture-svg ordos-locator" src="data:image/svg+xml,' in html_of(at)
    assert f'alt="{escape(t("zhungeer.map_alt", lang))}"' in html_of(at)


@pytest.mark.parametrize("chapter", [1, 2, 3, 4])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_deep_link_opens_the_chapter(con, lang, chapter):
    at = open_page(PAGE, lang=lang, chapter=str(chapter))
    assert not at.exception
    row = chapter_row(con, chapter)
    assert at.segmented_control(key=KEY).value == chapter
    assert at.header[0].value == row[f"heading_{lang}"]
    html = html_of(at)
    for paragraph in row[f"body_{lang}"].split("\n\n"):
        assert escape(paragraph.strip()[:60]) in html
    assert escape(" ".join(row[f"links_why_{lang}"].split())[:60]) in html


@pytest.mark.parametrize("value", ["0", "5", "9", "x", "", "-1", "2.5", "1; DROP TABLE story", "%E4%B8%AD"])
def test_unknown_or_malformed_chapter_falls_back_to_chapter_1(con, value):
    at = open_page(PAGE, lang="en", chapter=value)
    assert not at.exception and not at.error
    assert at.segmented_control(key=KEY).value == 1
    assert at.header[0].value == chapter_row(con, 1)["heading_en"]


def test_chapter_1_figures_with_source_sentences_and_the_mines_chart():
    at = open_page(PAGE, lang="en", chapter="1")
    html = html_of(at)
    for value, unit, quote in (("48", "mines", "准格尔旗已建成绿色矿山48座"), ("8", "mines", "其中国家级8座"),
                               ("40", "mines", "自治区级40座"), ("1,000,000+", "seedlings", "累计种植各类苗木超百万株"),
                               ("100+", "km²", "复垦绿化面积超100平方公里")):  # fmt: skip
        assert f'<div class="v">{value}<span class="u">{unit}</span>' in html, value
        assert f"<blockquote>{quote}</blockquote>" in html
    assert '<div class="v">No. 1</div>' in html  # the rank reads as a rank
    (spec,) = chart_specs(at)
    assert " ".join(spec["title"]["text"]) == "Jungar Banner's 48 green mines"
    (values,) = chart_rows(at)
    assert [(v["level"], v["mines"]) for v in values] == [("National level", 8), ("Autonomous-region level", 40)]
    assert "8 at the national level and 40 at the autonomous-region level" in page_text(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["PNG image", "SVG image", "CSV data"]


def test_chapter_2_has_its_one_figure_and_no_chart():
    at = open_page(PAGE, lang="zh", chapter="2")
    html = html_of(at)
    assert '<div class="v">6<span class="u">个</span>' in html and "准格尔旗将杂粮产业列为六大主导产业之一" in html
    assert chart_specs(at) == []


def test_chapter_3_says_honestly_that_it_has_no_figures():
    at = open_page(PAGE, lang="en", chapter="3")
    assert "This chapter of the story gives no figures." in page_text(at)
    assert 'class="ordos-cards"' not in html_of(at)
    zh = open_page(PAGE, lang="zh", chapter="3")
    assert "这一章报道没有给出具体数字。" in page_text(zh)


def test_chapter_4_plan_figure_and_projects_chart(con):
    at = open_page(PAGE, lang="en", chapter="4")
    text, html = page_text(at), html_of(at)
    assert "City-plan figures about Jungar Banner" in text and "not from the story" in text
    assert '<div class="v">296<span class="u">sediment-retention works</span>' in html
    assert "<blockquote>准格尔旗新建拦沙工程共296座</blockquote>" in html
    (spec,) = chart_specs(at)
    assert " ".join(spec["title"]["text"]) == "The 7 key projects whose location names Jungar Banner"
    (values,) = chart_rows(at)
    named = con.execute(
        """SELECT p.project_no FROM project_districts d JOIN projects p USING (project_no)
           WHERE d.district_code = '150622' AND d.basis = 'named' ORDER BY p.investment_yi DESC"""
    ).fetchall()
    assert [v["project_no"] for v in values] == [n for (n,) in named]
    assert "the plan does not give Jungar Banner's share" in text


@pytest.mark.parametrize("chapter", [1, 2, 3, 4])
def test_links_to_the_plan_come_from_the_curated_table(con, chapter):
    at = open_page(PAGE, lang="en", chapter=str(chapter))
    links, html = links_of(at), html_of(at)
    for kind, number, name in con.execute(
        """SELECT l.target_kind, l.target_no, coalesce(a.name_en, g.name_en, p.name_en, i.name_en)
           FROM chapter_links l LEFT JOIN actions a ON l.target_kind = 'action' AND a.action_no = l.target_no
           LEFT JOIN programs g ON l.target_kind = 'program' AND g.program_no = l.target_no
           LEFT JOIN projects p ON l.target_kind = 'project' AND p.project_no = l.target_no
           LEFT JOIN indicators i ON l.target_kind = 'indicator' AND i.indicator_no = l.target_no
           WHERE l.chapter_no = ?""",
        [chapter],
    ).fetchall():
        label = f"{kind.title()} {number}: {name}"
        if kind in ("project", "indicator"):
            (match,) = [q for lbl, q in links.items() if lbl.startswith(label) and "linked to this chapter" not in lbl]
            assert match == f"lang=en&{kind}={number}"
        else:
            assert escape(label) in html
    assert "data/curated/chapter_links.yaml" in page_text(at)


def with_project_lists(lang: str, chapter: str):
    """The chapter with both project lists opened, as a visitor's click does (their links are drawn only when open)."""
    return open_expanders(open_page(PAGE, lang=lang, chapter=chapter), "zhungeer-named", "zhungeer-citywide")


def test_projects_located_in_jungar_banner(con):
    closed = links_of(open_page(PAGE, lang="en", chapter="1"))
    assert not any(label.startswith("Project 3: ") for label in closed)  # drawn when the list is opened
    at = with_project_lists("en", "1")
    links = links_of(at)
    assert "Of the key projects in Annex 5 of the action plan, 7 name Jungar Banner" in page_text(at)
    expander_labels = [e.label for e in at.expander]
    assert "The 7 projects that name Jungar Banner" in expander_labels
    assert "The 21 projects located in all banners and districts" in expander_labels
    only = "Project 20: Jiutai Energy Co., Ltd. 500,000-Tonne-per-Year Ethylene Glycol Project · Jungar Banner only · CNY 6 billion"
    assert links[only + " · linked to this chapter"] == "lang=en&project=20"
    assert links["Project 3: Comprehensive Treatment of the Ten Kongdui on the Inner Mongolia Reach of the Yellow River · "
                 "Jungar Banner and 3 other districts · CNY 3.58 billion"] == "lang=en&project=3"  # fmt: skip


@pytest.mark.parametrize(
    ("chapter", "captions"), [(1, ["准能矿山生态旅游区"]), (3, ["准格尔旗黄河稻渔生态观光园", "游客采摘准格尔旗暖水山地苹果"])]
)
def test_picture_captions_shown_honestly_without_images(chapter, captions):
    at = open_page(PAGE, lang="zh", chapter=str(chapter))
    html = html_of(at)
    for caption in captions:
        assert f"<strong>{caption}</strong>原文此处配有图片，来源文本中只有图片说明，没有图片本身。" in html
    assert not at.get("imgs")
    en = open_page(PAGE, lang="en", chapter="1")
    assert "<strong>Zhunneng Mine Eco-Tourism Area</strong>The original article has a picture here" in html_of(en)


def test_chapter_switch_writes_the_url_and_keeps_the_language(con):
    at = open_page(PAGE, lang="en", chapter="2")
    at.segmented_control(key=KEY).set_value(4).run()
    assert not at.exception
    assert at.query_params["chapter"] in ("4", ["4"]) and at.query_params["lang"] in ("en", ["en"])
    assert at.header[0].value == chapter_row(con, 4)["heading_en"]


def test_next_and_previous_links():
    links = links_of(open_page(PAGE, lang="en", chapter="2"))
    assert links["Previous: 1 · Green industry"] == "lang=en&chapter=1"
    assert links["Next: 3 · Rural revitalization"] == "lang=en&chapter=3"
    last = links_of(open_page(PAGE, lang="zh", chapter="4"))
    assert last["上一章：3 · 生态产业与乡村振兴"] == "lang=zh&chapter=3" and not any(k.startswith("下一章") for k in last)


@pytest.mark.parametrize("chapter", [1, 2, 3, 4])
def test_english_page_has_no_chinese_outside_source_quotes(chapter):
    at = with_project_lists("en", str(chapter))
    visible = SOURCE_QUOTES.sub("", page_text(at))
    # The frame's language switch names the other language in that language ("中文"), as language menus do.
    switch = t("app.switch_lang", "en")
    visible += "\n".join(link.proto.label for link in at.get("page_link") if link.proto.label != switch)
    visible += "\n".join(e.label for e in at.expander) + at.segmented_control(key=KEY).proto.label
    visible += "\n".join(at.segmented_control(key=KEY).options)
    assert not CJK.findall(visible), sorted(set(CJK.findall(visible)))
    for chart in charts_of(at):
        assert not CJK.search(json.dumps(chart.spec, ensure_ascii=False))
        assert not CJK.search(re.sub(r"<[^>]*>", "", chart.svg))  # nor any text drawn in the picture
