"""The PowerPoint decks as `make deck` writes them (scripts/make_deck.py): they open with python-pptx and
carry the slide titles, the chart and map pictures, the headline figures as text, a source line on every
slide, and fonts that show Chinese in PowerPoint and WPS (Microsoft YaHei as the East Asian typeface)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from components.slides import pptx
from components.slides.build import build
from components.slides.model import Slide
from core import data, settings
from scripts import make_deck


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("deck")
    assert make_deck.main(["--out", str(out), "--no-charts"]) == 0
    return {lang: out / f"ordos-briefing-{lang}.pptx" for lang in ("zh", "en")}


@pytest.fixture(scope="module")
def deck() -> list[Slide]:
    return build(data.deck_tables(), settings.public_url())


def _texts(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_deck_opens_with_titles_pictures_and_sources(decks, deck, lang):
    prs = Presentation(str(decks[lang]))
    assert len(prs.slides) == len(deck) >= 8
    assert [s.shapes.title.text for s in prs.slides] == [s.title(lang) for s in deck]
    for pptx_slide, s in zip(prs.slides, deck, strict=True):
        pictures = [sh for sh in pptx_slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == (1 if s.chart or s.qr_url else 0) + (1 if s.photo else 0), s.key
        assert s.source(lang) in _texts(pptx_slide), s.key
        assert pptx_slide.has_notes_slide and pptx_slide.notes_slide.notes_text_frame.text.strip()
    keys = [s.key for s in deck]
    # the map and the charts are real pictures (PNG) of a slide's size, not placeholders
    for key in ("map", "projects", "actions", "progress"):
        picture = next(sh for sh in prs.slides[keys.index(key)].shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE)
        assert picture.image.content_type == "image/png" and len(picture.image.blob) > 20_000
        assert picture.image.size[0] >= 1500


def test_headline_figures_as_text(decks):
    zh = _texts(Presentation(str(decks["zh"])).slides[1])
    en = _texts(Presentation(str(decks["en"])).slides[1])
    assert "2,048.463 亿元" in zh and "39 个" in zh and "36 项" in zh
    assert "CNY 204.8 billion" in en and "39 key projects" in en and "36 indicators" in en
    assert "亿" not in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_run_names_a_latin_and_an_east_asian_font(decks, lang):
    prs = Presentation(str(decks[lang]))
    latin = "Microsoft YaHei" if lang == "zh" else "Calibri"
    runs = [r for s in prs.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs]
    assert len(runs) > 50
    for run in runs:
        rpr = run._r.find(qn("a:rPr"))
        assert rpr.find(qn("a:latin")).get("typeface") == latin
        assert rpr.find(qn("a:ea")).get("typeface") == "Microsoft YaHei"
        assert rpr.get("lang") == ("zh-CN" if lang == "zh" else "en-US")


def test_chapter_photos_and_map_review_number_in_the_decks(tmp_path, monkeypatch):
    import io

    from tests.test_slides import photo_tables

    monkeypatch.setattr(settings, "PHOTOS", tmp_path)
    deck = build(photo_tables(tmp_path), "https://ordos.example.org/edition/", "GS(2024)0650号")
    keys = [s.key for s in deck]
    for lang in ("zh", "en"):
        prs = Presentation(io.BytesIO(pptx.render(deck, lang)))
        one = prs.slides[keys.index("chapter-1")]
        photos = [sh for sh in one.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(photos) == 1 and photos[0].image.content_type == "image/jpeg"
        assert max(photos[0].image.size) <= 1600
        texts = _texts(one)
        assert ("摄影：测试一" if lang == "zh" else "Photo: Test One") in texts
        assert ("准能矿山生态旅游区" if lang == "zh" else "Zhunneng Mine Eco-Tourism Area") in texts
        for s, slide in zip(deck, prs.slides, strict=True):
            for shape in slide.shapes:  # everything on the slide, photos included
                assert shape.left >= 0 and shape.top >= 0, s.key
                assert shape.left + shape.width <= prs.slide_width and shape.top + shape.height <= prs.slide_height, (s.key, shape.name)
        review = "审图号：GS(2024)0650号" if lang == "zh" else "Map review number: GS(2024)0650号"
        assert [k for k, slide in zip(keys, prs.slides, strict=True) if review in _texts(slide)] == ["title", "map"]
        assert "https://ordos.example.org/edition/" in _texts(prs.slides[keys.index("closing")])
