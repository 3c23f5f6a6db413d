"""The slides as a PowerPoint deck (python-pptx), and the slides' charts as files (PNG, SVG, CSV).

Pure: slides in, bytes out; no st.* here. The same `Slide` list as the kiosk and the presenter
(components.slides.build), in one language per deck. 16:9 (13.333 × 7.5 in); a title placeholder on every
slide (so PowerPoint's outline and screen readers see the titles); headline figures and indicator values
as text; charts and the map as PNG pictures rendered offline with vl-convert; the source line on every
slide and the source sentences in the speaker notes.

Fonts: PowerPoint and WPS choose the typeface for Chinese characters from the run's East Asian font
(`a:ea`), not its Latin one (`a:latin`, all that python-pptx's font.name sets). Every run gets both:
Microsoft YaHei (on every Windows since Vista, and WPS's default for Chinese) in the Chinese deck;
Calibri for Latin text with Microsoft YaHei for any Chinese in the English deck (the source quotes).
"""

from __future__ import annotations

import io
import zipfile

import segno
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from components import charts
from components.exports import to_csv_bytes
from components.slides import photos
from components.slides.model import Bi, Figure, Slide
from components.theme import GRID, INK, MUTED, PAPER, STRIPE, WHITE
from core.i18n import t
from core.text import display_units, wrap_lines

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
FONTS = {"zh": ("Microsoft YaHei", "Microsoft YaHei"), "en": ("Calibri", "Microsoft YaHei")}  # (latin, east asian)
LANG_TAGS = {"zh": "zh-CN", "en": "en-US"}
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
BODY_TOP, BODY_BOTTOM = Inches(2.0), Inches(6.7)
CHART_SCALE = 2  # PNG pixels per slide pixel: sharp on a 1080p projector at full width


def file_name(lang: str) -> str:
    return f"ordos-briefing-{lang}.pptx"


def charts_name(lang: str) -> str:
    return f"ordos-briefing-charts-{lang}.zip"


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#")[:6].upper())


def style_run(run, lang: str, size: float, *, bold: bool = False, color: str = INK) -> None:
    """Size, weight, colour, language tag, and both the Latin and the East Asian typeface of a run."""
    latin, east_asian = FONTS[lang]
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = _rgb(color)
    run.font.name = latin
    rpr = run._r.get_or_add_rPr()
    rpr.set("lang", LANG_TAGS[lang])
    if lang == "zh":
        rpr.set("altLang", "en-US")
    for old in rpr.findall(qn("a:ea")):
        rpr.remove(old)
    ea = etree.SubElement(rpr, qn("a:ea"))
    ea.set("typeface", east_asian)
    rpr.find(qn("a:latin")).addnext(ea)  # the schema's order: latin, then ea


def _paragraphs(frame, parts: list[tuple[str, float, bool, str]], lang: str, *, space: float = 4, align=None) -> None:
    """Fill a text frame: one paragraph per (text, size pt, bold, colour)."""
    frame.word_wrap = True
    first = True
    for value, size, bold, color in parts:
        if not value:
            continue
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        paragraph.space_after = Pt(space)
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run()
        run.text = value
        style_run(run, lang, size, bold=bold, color=color)


def _box(slide, left, top, width, height, parts, lang, **kwargs):
    shape = slide.shapes.add_textbox(left, top, width, height)
    frame = shape.text_frame
    frame.margin_left = frame.margin_right = Inches(0.05)
    _paragraphs(frame, parts, lang, **kwargs)
    return shape


def _picture(slide, png: bytes, left, top, width, height):
    """A picture fitted into the box, keeping its proportions, centred horizontally and at the top."""
    with Image.open(io.BytesIO(png)) as image:
        w, h = image.size
    scale = min(width / w, height / h)
    pw, ph = int(w * scale), int(h * scale)
    return slide.shapes.add_picture(io.BytesIO(png), left + (width - pw) // 2, top, Emu(pw), Emu(ph))


def _figure(slide, figure: Figure, lang: str, left, top, width, height) -> None:
    card = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
    card.fill.solid()
    card.fill.fore_color.rgb = _rgb(WHITE)
    card.line.color.rgb = _rgb(GRID)
    card.shadow.inherit = False
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, Inches(0.08))
    bar.fill.solid()
    bar.fill.fore_color.rgb = _rgb(figure.accent)
    bar.line.fill.background()
    bar.shadow.inherit = False
    frame = card.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = Inches(0.15)
    frame.margin_top = Inches(0.2)
    value = " ".join(p for p in (figure.value(lang), figure.unit(lang)) if p)
    # the value stays on one line: size it to the card (a Chinese character is about twice a digit's width)
    units = display_units(value)
    size = max(14, min(36, int((width / 12700 - 22) / (units * 0.62))))
    parts = [(figure.badge(lang) if figure.badge else "", 11, False, MUTED), (value, size, True, INK), (figure.label(lang), 14, False, INK)]
    _paragraphs(frame, parts, lang, space=6)


def _points(points: tuple[Bi, ...], lang: str, size: float = 16) -> list[tuple[str, float, bool, str]]:
    return [(p(lang), size, False, INK) for p in points]


def _table(slide, s: Slide, lang: str) -> None:
    table = s.table
    rows, cols = len(table.rows) + 1, len(table.columns)
    height = BODY_BOTTOM - BODY_TOP - Inches(0.7)
    shape = slide.shapes.add_table(rows, cols, MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, height)
    grid = shape.table
    widths = [0.46] + [0.54 / (cols - 1)] * (cols - 1)
    for i, share in enumerate(widths):
        grid.columns[i].width = int((WIDTH - 2 * MARGIN) * share)
    for c, head in enumerate(table.columns):
        cell = grid.cell(0, c)
        cell.text_frame.paragraphs[0].text = ""
        _paragraphs(cell.text_frame, [(head(lang), 13, True, WHITE)], lang)
        cell.fill.solid()
        cell.fill.fore_color.rgb = _rgb(INK)
    for r, row in enumerate(table.rows, start=1):
        for c, value in enumerate(row):
            cell = grid.cell(r, c)
            _paragraphs(cell.text_frame, [(value(lang), 14, c in (1, 2), INK)], lang)
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(WHITE if r % 2 else STRIPE)
    if table.note:
        _box(slide, MARGIN, BODY_BOTTOM - Inches(0.55), WIDTH - 2 * MARGIN, Inches(0.5), [(table.note(lang), 13, False, MUTED)], lang)


PHOTO_MIN = Inches(2.2)  # the least room a chapter's photo gets under its text (caption and credit included)


def _text_height(parts: list[tuple[str, float, bool, str]], width: int) -> int:
    """About how tall `parts` set in a box `width` wide are (a Chinese character is two units, a Latin letter one)."""
    height = 0.0
    for value, size, _, _ in parts:
        if value:
            per_line = max(8, int(width / 12700 / (size * 0.52)))  # display units per line at this size (pt)
            height += len(wrap_lines(value, per_line)) * size * 1.25 + 12  # lines, then the paragraph's space
    return int(Pt(height + 10))


CAPTION_H = Inches(0.7)


def _photo_area(s: Slide, width: int, height: int) -> float:
    """The area a chapter's photo gets in a box of this size (its caption under it)."""
    _, w, h = photos.jpeg(s.photo.path)
    scale = max(0.0, min(width / w, (height - CAPTION_H) / h))
    return w * h * scale * scale


def _photo(pptx_slide, s: Slide, lang: str, left, top, width, height) -> None:
    """A chapter's photo fitted into the box (its proportions kept), its caption and credit under it."""
    caption_h = CAPTION_H
    payload, w, h = photos.jpeg(s.photo.path)
    scale = min(width / w, (height - caption_h) / h)
    pw, ph = int(w * scale), int(h * scale)
    pptx_slide.shapes.add_picture(io.BytesIO(payload), left, top, Emu(pw), Emu(ph))
    parts = [(s.photo.caption(lang), 13, False, INK), (s.photo.credit(lang), 11, False, MUTED)]
    _box(pptx_slide, left, top + ph + Inches(0.05), width, caption_h, parts, lang, space=2)


def _qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=12, border=2, dark=INK, light=WHITE)
    return buffer.getvalue()


def _chart_png(slide: Slide, lang: str) -> bytes:
    return charts.png(slide.chart.draw(lang), scale=CHART_SCALE)


def _body(pptx_slide, s: Slide, lang: str) -> None:
    body_h = BODY_BOTTOM - BODY_TOP
    inner = WIDTH - 2 * MARGIN
    if s.layout == "title":
        _box(
            pptx_slide,
            MARGIN,
            BODY_TOP,
            Inches(6.9),
            body_h,
            _points(s.points, lang, 18) + _points(tuple(b for _, b in s.legend), lang, 14),
            lang,
            space=12,
        )
        if s.chart:
            _picture(pptx_slide, _chart_png(s, lang), Inches(7.8), Inches(1.6), Inches(4.9), Inches(5.0))
    elif s.layout == "figures":
        _box(pptx_slide, MARGIN, BODY_TOP, inner, Inches(1.1), [(s.lead(lang), 17, False, INK)], lang)
        n = max(len(s.figures), 1)
        gap = Inches(0.2)
        width = (inner - gap * (n - 1)) // n
        for i, figure in enumerate(s.figures):
            _figure(pptx_slide, figure, lang, MARGIN + i * (width + gap), Inches(3.4), width, Inches(2.6))
    elif s.layout == "chapter":
        photo = s.photo is not None  # with a photo, the text a little smaller to leave it room
        parts = [(s.lead(lang), 16 if photo else 18, False, INK), *_points(s.points, lang, 14 if photo else 15)]
        text_h = min(_text_height(parts, Inches(6.6)), body_h - PHOTO_MIN) if photo else body_h
        _box(pptx_slide, MARGIN, BODY_TOP, Inches(6.6), text_h, parts, lang, space=10 if photo else 12)
        cols = 1 if len(s.figures) == 1 else 2
        gap = Inches(0.2)
        width = (Inches(5.2) - gap * (cols - 1)) // cols
        height = Inches(2.2) if len(s.figures) > 2 else Inches(2.6)
        for i, figure in enumerate(s.figures):
            left = Inches(7.5) + (i % cols) * (width + gap)
            top = BODY_TOP + (i // cols) * (height + gap)
            _figure(pptx_slide, figure, lang, left, top, width, height)
        if photo:  # under the text or under the figures, wherever it is shown larger
            rows = -(-len(s.figures) // cols)
            figures_h = rows * height + max(rows - 1, 0) * gap
            room = [(MARGIN, BODY_TOP + text_h + gap, Inches(6.6), body_h - text_h - gap)]
            room.append((Inches(7.5), BODY_TOP + figures_h + gap, Inches(5.2), body_h - figures_h - gap))
            _photo(pptx_slide, s, lang, *max(room, key=lambda box: _photo_area(s, box[2], box[3])))
    elif s.layout == "chart":
        if s.chart:
            _picture(pptx_slide, _chart_png(s, lang), MARGIN, BODY_TOP, Inches(8.4), body_h)
        key = [(b(lang), 13, False, c) for c, b in s.legend]
        lead = [(s.lead(lang), 15, True, INK)] if s.lead else []
        _box(pptx_slide, Inches(9.3), BODY_TOP, Inches(3.45), body_h, lead + _points(s.points, lang, 15) + key, lang, space=12)
    elif s.layout == "table":
        _table(pptx_slide, s, lang)
    else:  # closing
        _box(
            pptx_slide, MARGIN, BODY_TOP, Inches(7.6), body_h, [(s.lead(lang), 20, True, INK), *_points(s.points, lang, 15)], lang, space=12
        )
        if s.qr_url:
            pptx_slide.shapes.add_picture(io.BytesIO(_qr_png(s.qr_url)), Inches(9.0), BODY_TOP, Inches(3.4), Inches(3.4))
            _box(
                pptx_slide,
                Inches(8.6),
                BODY_TOP + Inches(3.5),
                Inches(4.2),
                Inches(0.9),
                [(t("slides.scan", lang), 14, False, MUTED), (s.qr_url, 15, True, INK)],
                lang,
                align=PP_ALIGN.CENTER,
            )


def render(slides: list[Slide], lang: str) -> bytes:
    """The deck in one language ('zh' or 'en') as .pptx bytes."""
    lang = "en" if lang == "en" else "zh"
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    layout = prs.slide_layouts[5]  # 'Title Only': a real title placeholder, nothing else
    for number, s in enumerate(slides, start=1):
        slide = prs.slides.add_slide(layout)
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = _rgb(PAPER)
        if s.kicker:
            _box(slide, MARGIN, Inches(0.35), WIDTH - 2 * MARGIN, Inches(0.45), [(s.kicker(lang), 13, False, MUTED)], lang)
        title = slide.shapes.title
        title.left, title.top, title.width = MARGIN, Inches(0.8), WIDTH - 2 * MARGIN
        title.height = Inches(1.6) if s.layout == "title" else Inches(1.1)
        frame = title.text_frame
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = Inches(0.05)
        size = 40 if s.layout == "title" else (26 if len(s.title(lang)) > 60 else 30)
        _paragraphs(frame, [(s.title(lang), size, True, INK)], lang, align=PP_ALIGN.LEFT)
        _body(slide, s, lang)
        source = "  ·  ".join(b(lang) for b in (s.source, s.map_note) if b)  # a map's review number beside its source
        _box(slide, MARGIN, Inches(6.85), Inches(11.0), Inches(0.5), [(source, 10.5, False, MUTED)], lang)
        _box(
            slide,
            Inches(11.8),
            Inches(6.95),
            Inches(0.95),
            Inches(0.4),
            [(f"{number} / {len(slides)}", 11, False, MUTED)],
            lang,
            align=PP_ALIGN.RIGHT,
        )
        notes = slide.notes_slide.notes_text_frame
        _paragraphs(notes, [(line, 12, False, INK) for line in [*s.notes(lang).split("\n"), s.source(lang)]], lang)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def chart_files(slides: list[Slide], lang: str) -> dict[str, bytes]:
    """Every chart of the deck as a stand-alone picture (PNG, SVG, with title and source) and its data (CSV)."""
    files: dict[str, bytes] = {}
    for s in slides:
        if s.chart is None:
            continue
        chart = s.chart.draw(lang, export=True)
        stem = f"{s.chart.name}-{lang}"
        files[f"{stem}.png"] = charts.png(chart, scale=CHART_SCALE)
        files[f"{stem}.svg"] = charts.svg(chart).encode("utf-8")
        files[f"{stem}.csv"] = to_csv_bytes(s.chart.data)
    return files


def charts_zip(slides: list[Slide], lang: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in chart_files(slides, lang).items():
            archive.writestr(name, payload)
    return out.getvalue()
