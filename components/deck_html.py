"""The slides as one HTML overlay for the kiosk and the presenter: every slide in the page, a script shows one.

Pure: slides in, an HTML string out (the pages pass it to st.html with JavaScript allowed). The whole deck
is sent once; advancing is done in the browser, so a kiosk that loops for days asks nothing of the server
and keeps nothing growing: one timer, one slide index (kept in sessionStorage, so a reload after a server
restart carries on where it was). Charts and the map are inline pictures (SVG rendered offline with
vl-convert, as data: URIs, which Streamlit's HTML sanitiser keeps), so the browser requests nothing.

Type is sized in units of the 16:9 stage's height (`--u`, 1 % of it): the smallest text is 2 units, 21.6 px
on a 1080p screen and twice that at 2160p. Every data value is escaped here.
"""

from __future__ import annotations

import base64
import json
import math
import re
from html import escape

from components.slides import Bi, Figure, Slide
from components.theme import FONT, GRID, INK, MUTED, PAPER
from core.i18n import t

LANGS = ("zh", "en", "both")
MODES = ("kiosk", "present")
INTERVAL = (12.0, 0.05, 600.0)  # default, lowest, highest seconds per slide
IDLE = (60.0, 1.0, 3600.0)  # seconds without a touch before a paused kiosk resumes
SLIDE_PX = 10.8  # pixels per stage unit on a 1080p screen: chart pictures are drawn at that scale
ZOOM = 1.3  # a picture may grow up to this much beyond its drawn size where the slide has room
DOWNLOADS_KEY = "deck-downloads"  # the presenter's download buttons (a keyed Streamlit container)


def seconds(raw: object, limits: tuple[float, float, float]) -> float:
    """A number of seconds from the URL, within limits; anything else is the default."""
    default, low, high = limits
    try:
        value = float(str(raw).strip())
    except (TypeError, ValueError):
        return default
    if not math.isfinite(value):
        return default
    return min(max(value, low), high)


def _lang_attr(lang: str) -> str:
    return "en" if lang == "en" else "zh-CN"


def _bi(text: Bi | None, lang: str, role: str, tag: str = "span") -> str:
    """One text in the slide's language; with 'both', Chinese and then English on its own line."""
    if text is None or not (text.zh or text.en):
        return ""
    if lang != "both":
        return f'<{tag} class="{role}" lang="{_lang_attr(lang)}">{escape(text(lang))}</{tag}>'
    zh = f'<{tag} class="{role}" lang="zh-CN">{escape(text.zh)}</{tag}>'
    if not text.en or text.en == text.zh:
        return zh
    return zh + f'<{tag} class="{role} en2" lang="en">{escape(text.en)}</{tag}>'


def svg_size(svg: str) -> tuple[float, float]:
    """The width and height an SVG declares (vl-convert writes them in pixels)."""
    head = svg[: svg.find(">") + 1]
    width = re.search(r'\swidth="([\d.]+)', head)
    height = re.search(r'\sheight="([\d.]+)', head)
    return (float(width.group(1)) if width else 0.0, float(height.group(1)) if height else 0.0)


def svg_min_font(svg: str) -> float:
    """The smallest font size in an SVG picture (px at its own scale)."""
    sizes = [float(s) for s in re.findall(r'font-size(?:="|:\s*)([\d.]+)', svg)]
    return min(sizes) if sizes else 0.0


def _data_uri(mime: str, payload: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"


def picture_html(svg: str, alt_text: str, role: str = "chart") -> str:
    """A chart as an <img> of its SVG, sized so that one SVG pixel is one pixel of a 1080p slide."""
    width, height = svg_size(svg)
    # as large as the room allows (up to ZOOM), never larger than it: the height leads, the width follows
    style = f"height:min(calc(var(--u)*{height * ZOOM / SLIDE_PX:.3f}),100%);width:auto;aspect-ratio:{width:.0f}/{height:.0f}"
    return (
        f'<img class="od-img od-{role}img" src="{_data_uri("image/svg+xml", svg.encode("utf-8"))}" alt="{escape(alt_text)}" '
        f'style="{style}" data-font-min="{svg_min_font(svg):g}" data-width="{width:g}" data-height="{height:g}">'
    )


def qr_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG data URI (made here, offline, with segno)."""
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=10, border=2, dark=INK, light="#ffffff")


def _figure(figure: Figure, lang: str) -> str:
    badge = f'<div class="od-badge">{_bi(figure.badge, lang, "r-badge")}</div>' if figure.badge else ""
    unit = _bi(figure.unit, lang if lang != "both" else "zh", "r-unit") if figure.unit.zh or figure.unit.en else ""
    shown = figure.value("en" if lang == "en" else "zh")
    size = "s" if len(shown) > 8 else ("m" if len(shown) > 5 else "l")
    value = f'<div class="od-value {size}">{_bi(figure.value, "en" if lang == "en" else "zh", "r-value")}{unit}</div>'
    if lang == "both":  # the English reading of the number: its unit, or the whole amount when it is written differently
        en = figure.unit.en if figure.value.en == figure.value.zh else " ".join(p for p in (figure.value.en, figure.unit.en) if p)
        value += f'<div class="od-value-en" lang="en">{escape(en)}</div>' if en else ""
    label = f'<div class="od-label">{_bi(figure.label, lang, "r-label")}</div>'
    return f'<div class="od-fig" style="--accent:{escape(figure.accent)}">{badge}{value}{label}</div>'


def _points(points: tuple[Bi, ...], lang: str) -> str:
    if not points:
        return ""
    return '<ul class="od-points">' + "".join(f"<li>{_bi(p, lang, 'r-point')}</li>" for p in points) + "</ul>"


def _key(legend: tuple[tuple[str, Bi], ...], lang: str) -> str:
    if not legend:
        return ""
    items = "".join(f'<li><i style="background:{escape(c)}"></i><span>{_bi(b, lang, "r-key")}</span></li>' for c, b in legend)
    return f'<ul class="od-key">{items}</ul>'


def _table(slide: Slide, lang: str) -> str:
    table = slide.table
    head = "".join(f"<th>{_bi(c, lang, 'r-th')}</th>" for c in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{_bi(c, lang, 'r-td')}</td>" for c in row) + "</tr>" for row in table.rows)
    note = f'<p class="od-note">{_bi(table.note, lang, "r-point")}</p>' if table.note else ""
    return f'<table class="od-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}'


def slide_html(slide: Slide, lang: str, number: int, total: int, chart_svg=None) -> str:
    """One slide as a <section>; `chart_svg(chart, lang)` draws its chart (components.widgets.chart_svg)."""
    head = f'<header class="od-head">{_bi(slide.kicker, lang, "r-kicker", "p")}{_bi(slide.title, lang, "r-title", "h1")}</header>'
    picture = ""
    if slide.chart is not None and chart_svg is not None:
        alt_text = t(
            "slides.chart_alt", "en" if lang == "en" else "zh", description=slide.chart.description("en" if lang == "en" else "zh")
        )
        picture = picture_html(chart_svg(slide.chart.draw(lang)), alt_text)
    lead = f'<div class="od-lead">{_bi(slide.lead, lang, "r-lead", "p")}</div>' if slide.lead else ""
    figures = "".join(_figure(f, lang) for f in slide.figures)
    figures = f'<div class="od-figs n{len(slide.figures)}">{figures}</div>' if figures else ""
    if slide.layout == "title":
        body = f'<div class="od-col">{_points(slide.points, lang)}{_key(slide.legend, lang)}</div><div class="od-pic">{picture}</div>'
    elif slide.layout == "figures":
        body = f"{lead}{figures}"
    elif slide.layout == "chapter":
        body = f'<div class="od-col">{lead}{_points(slide.points, lang)}</div>{figures}'
    elif slide.layout == "chart":
        body = f'<div class="od-pic">{picture}</div><div class="od-col">{lead}{_points(slide.points, lang)}{_key(slide.legend, lang)}</div>'
    elif slide.layout == "table":
        body = _table(slide, lang)
    else:  # closing
        url = slide.qr_url or ""
        qr_alt = t("slides.qr_alt", "en" if lang == "en" else "zh", url=url)
        qr = f'<img class="od-qr" src="{escape(qr_data_uri(url))}" alt="{escape(qr_alt)}">' if url else ""
        scan = Bi(t("slides.scan", "zh"), t("slides.scan", "en"))
        body = (
            f'<div class="od-col">{lead}{_points(slide.points, lang)}</div>'
            f'<div class="od-qrbox">{qr}<div class="od-scan">{_bi(scan, lang, "r-point")}</div>'
            f'<div class="od-url" lang="en">{escape(url)}</div></div>'
        )
    source = f'<div class="od-source">{_bi(slide.source, lang, "r-source", "p")}</div>'
    hidden = "" if number == 1 else ' aria-hidden="true"'
    return (
        f'<section class="od-slide od-{escape(slide.layout)}{" on" if number == 1 else ""}" data-key="{escape(slide.key)}" '
        f'data-n="{number}"{hidden} aria-roledescription="slide" aria-label="{number} / {total}">'
        f'{head}<div class="od-body">{body}</div>{source}</section>'
    )


def slides_html(slides: list[Slide], lang: str, chart_svg) -> str:
    """Every slide of the deck (the heavy part: charts are rendered here; cache it per language)."""
    return "".join(slide_html(s, lang, i, len(slides), chart_svg) for i, s in enumerate(slides, start=1))


def page_html(body: str, *, lang: str, mode: str, total: int, interval: float = INTERVAL[0], idle: float = IDLE[0], start: int = 1) -> str:
    """The overlay around `slides_html`: the stage, the progress line, the styles and the script."""
    ui = "en" if lang == "en" else "zh"
    config = {
        "mode": mode,
        "total": total,
        "interval": interval,
        "idle": idle,
        "start": max(1, min(start, total)),
        "key": f"ordos-{mode}-{lang}",
        "progress": t("slides.progress", ui, no="{no}", total="{total}"),
    }
    paused = _bi(Bi(t("slides.paused", "zh"), t("slides.paused", "en")), lang, "r-status")
    nav = ""
    if mode == "present":
        nav = "".join(
            f'<button type="button" class="od-nav" data-go="{go}" aria-label="{a}">{a}</button>' for go, a in (("-1", "‹"), ("1", "›"))
        )
    dots = "".join(f'<button type="button" class="od-dot" data-to="{i}" aria-label="{i}"></button>' for i in range(1, total + 1))
    dots = f'<span class="od-dots">{dots}</span>' if mode == "kiosk" else ""
    strip = (
        f'<div class="od-strip"><div class="od-bar"><i></i></div><span class="od-paused" hidden>{paused}</span>'
        f'<span class="od-where">{dots}{nav}<span class="od-count" aria-live="off">{start} / {total}</span></span></div>'
    )
    return (
        f"<style>{CSS}</style>"
        f'<div class="ordos-deck" id="ordos-deck" data-mode="{escape(mode)}" data-lang="{escape(lang)}" lang="{_lang_attr(lang)}" '
        f'role="region" aria-roledescription="{escape(t("slides.deck_label", ui))}" data-index="{start}" data-advances="0" '
        f"data-config='{escape(json.dumps(config))}'>"
        f'<div class="od-stage">{body}{strip}</div><script>{SCRIPT}</script></div>'
    )


_U = "var(--u)"

CSS = f"""
html, body, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {{ overflow: hidden !important; }}
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stAppDeployButton"], [data-testid="stMainMenu"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stConnectionStatus"], [data-testid="stBottom"], [data-testid="stToastContainer"],
[data-testid="stDialog"], [role="dialog"], [data-baseweb="modal"], [data-testid="stSkeleton"], footer, #MainMenu
  {{ display: none !important; }}
[data-stale="true"], .stale-element {{ opacity: 1 !important; transition: none !important; }}
[data-testid="stMainBlockContainer"] {{ padding: 0 !important; max-width: none !important; }}
:root {{ --u: min(1vh, 0.5625vw); }}  /* the download buttons sit outside the deck and size by it too */
.st-key-{DOWNLOADS_KEY} {{ position: fixed !important; top: auto !important; z-index: 1000001; left: calc({_U}*6); bottom: calc({_U}*.8);
  width: auto !important; display: none !important; gap: calc({_U}*1) !important; }}
html.ordos-deck-edge .st-key-{DOWNLOADS_KEY} {{ display: flex !important; }}
.st-key-{DOWNLOADS_KEY} button {{ min-height: calc({_U}*4.4); }}
.st-key-{DOWNLOADS_KEY} button p {{ font-size: max(14px, calc({_U}*1.8)); }}
.ordos-deck {{ position: fixed; inset: 0; z-index: 999999; background: #1f2a30; display: flex; align-items: center;
  justify-content: center; overflow: hidden; --u: min(1vh, 0.5625vw); font-family: {FONT}; color: {INK};
  -webkit-font-smoothing: antialiased; cursor: default; user-select: none; }}
.ordos-deck * {{ box-sizing: border-box; }}
.od-stage {{ position: relative; width: calc({_U}*177.7778); height: calc({_U}*100); background: {PAPER}; overflow: hidden; }}
.od-slide {{ position: absolute; inset: 0; padding: calc({_U}*4.6) calc({_U}*6) calc({_U}*7.4); display: flex; flex-direction: column;
  gap: calc({_U}*2.2); opacity: 0; visibility: hidden; transition: opacity .45s ease, visibility .45s; overflow: hidden; }}
.od-slide.on {{ opacity: 1; visibility: visible; }}
@media (prefers-reduced-motion: reduce) {{ .od-slide {{ transition: none; }} }}
.od-head {{ flex: none; }}
.od-head > * {{ display: block; margin: 0; }}
.r-kicker {{ font-size: calc({_U}*2.5); color: {MUTED}; letter-spacing: .02em; line-height: 1.3; margin: 0 0 calc({_U}*.8) !important; }}
.r-title {{ font-size: calc({_U}*5.6); font-weight: 700; line-height: 1.16; color: {INK}; padding: 0; }}
.od-title .r-title {{ font-size: calc({_U}*7.4); }}
[data-lang="both"] .od-head .r-kicker {{ display: inline; font-size: calc({_U}*2.3); }}
[data-lang="both"] .od-head .r-kicker.en2 {{ font-size: calc({_U}*2.1); }}
[data-lang="both"] .od-head .r-kicker.en2::before {{ content: " · "; }}
[data-lang="both"] .od-head h1.r-title {{ margin-top: calc({_U}*.8); }}
[data-lang="both"] .r-title {{ font-size: calc({_U}*4.6); }}
[data-lang="both"] .r-title.en2 {{ font-size: calc({_U}*2.9); font-weight: 600; color: #3d4a52; margin-top: calc({_U}*.4); }}
[data-lang="both"] .od-title .r-title {{ font-size: calc({_U}*6.6); }}
[data-lang="both"] .od-title .r-title.en2 {{ font-size: calc({_U}*4); }}
.od-body {{ flex: 1 1 auto; min-height: 0; display: grid; gap: calc({_U}*4); align-content: center;
  grid-template-rows: minmax(0, max-content); }}
.od-title .od-body, .od-chart .od-body {{ grid-template-rows: minmax(0, 1fr); }}
.od-title .od-body {{ grid-template-columns: 1fr max-content; align-items: center; }}
.od-chapter .od-body {{ grid-template-columns: 54fr 46fr; }}
.od-chart .od-body {{ grid-template-columns: minmax(0, 1fr) calc({_U}*46); align-items: center; }}
.od-slide[data-key="progress"] .od-body {{ grid-template-columns: minmax(0, 1fr) calc({_U}*54); }}
/* with both languages the panels carry both; the list beside them stays Chinese so that the slide still fits */
[data-lang="both"] .od-slide[data-key="progress"] .od-col > .od-lead,
[data-lang="both"] .od-slide[data-key="progress"] .od-points .r-point.en2 {{ display: none; }}
.od-slide[data-key="progress"] .r-point, .od-slide[data-key="progress"] .r-lead {{ font-size: calc({_U}*2.3); }}
[data-lang="both"] .od-slide[data-key="progress"] .r-point, [data-lang="both"] .od-slide[data-key="progress"] .r-lead
  {{ font-size: calc({_U}*2.05); }}
[data-lang="both"] .od-slide[data-key="progress"] .en2 {{ font-size: calc({_U}*2); }}
.od-closing .od-body {{ grid-template-columns: 1fr max-content; align-items: center; }}
.od-col {{ min-width: 0; display: flex; flex-direction: column; gap: calc({_U}*2); }}
.od-lead p {{ margin: 0; }}
.r-lead {{ display: block; font-size: calc({_U}*3.1); line-height: 1.5; margin: 0; }}
[data-lang="both"] .r-lead {{ font-size: calc({_U}*2.8); }}
[data-lang="both"] .r-lead.en2 {{ font-size: calc({_U}*2.2); color: #3d4a52; margin-top: calc({_U}*1) !important; line-height: 1.45; }}
.od-points {{ list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: calc({_U}*1.6); }}
.od-points li {{ border-left: calc({_U}*.5) solid {GRID}; padding-left: calc({_U}*1.4); margin: 0; }}
.r-point {{ display: block; font-size: calc({_U}*2.6); line-height: 1.4; }}
[data-lang="both"] .r-point {{ font-size: calc({_U}*2.3); }}
[data-lang="both"] .r-point.en2 {{ font-size: calc({_U}*2.05); color: #3d4a52; margin-top: calc({_U}*.3); }}
.od-key {{ list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: calc({_U}*1.2); }}
.od-key li {{ display: flex; gap: calc({_U}*1.2); align-items: flex-start; margin: 0; }}
.od-key i {{ flex: none; width: calc({_U}*2.4); height: calc({_U}*2.4); border-radius: calc({_U}*.3); margin-top: calc({_U}*.3); }}
.r-key {{ display: block; font-size: calc({_U}*2.3); line-height: 1.35; }}
.r-key.en2 {{ font-size: calc({_U}*2.0); color: #3d4a52; }}
.od-figs {{ display: grid; gap: calc({_U}*2); grid-template-columns: repeat(auto-fit, minmax(calc({_U}*26), 1fr)); align-content: start; }}
.od-chapter .od-figs {{ grid-template-columns: 1fr 1fr; }}
.od-chapter .od-figs.n1 {{ grid-template-columns: 1fr; }}
.od-fig {{ background: #fff; border: 1px solid {GRID}; border-top: calc({_U}*.7) solid var(--accent, {INK}); border-radius: calc({_U}*.6);
  padding: calc({_U}*1.6) calc({_U}*2) calc({_U}*1.8); min-width: 0; }}
[data-lang="both"] .od-fig {{ padding: calc({_U}*1.2) calc({_U}*1.6) calc({_U}*1.3); }}
.od-value {{ line-height: 1.05; }}
.r-value {{ white-space: nowrap;  font-size: calc({_U}*7.6); font-weight: 700; color: {INK}; }}
.od-value.m .r-value {{ font-size: calc({_U}*6.2); }}
.od-value.s .r-value {{ font-size: calc({_U}*4.8); }}
[data-lang="both"] .od-chapter .r-value {{ font-size: calc({_U}*5.8); }}
[data-lang="both"] .od-chapter .od-value.s .r-value {{ font-size: calc({_U}*4.4); }}
.r-unit {{ font-size: calc({_U}*3); font-weight: 500; color: {MUTED}; margin-left: calc({_U}*.6); }}
.od-value-en {{ font-size: calc({_U}*2.3); font-weight: 600; color: #3d4a52; margin-top: calc({_U}*.5); }}
.od-label {{ margin-top: calc({_U}*1); }}
.r-label {{ display: block; font-size: calc({_U}*2.4); line-height: 1.35; }}
[data-lang="both"] .r-label {{ font-size: calc({_U}*2.2); }}
[data-lang="both"] .r-label.en2 {{ font-size: calc({_U}*2.0); color: #3d4a52; margin-top: calc({_U}*.2); line-height: 1.3; }}
.od-badge {{ display: inline-block; background: #eef1f3; border-radius: calc({_U}*.5); padding: calc({_U}*.3) calc({_U}*1);
  margin-bottom: calc({_U}*1.2); }}
.r-badge {{ display: block; font-size: calc({_U}*2.0); color: {INK}; line-height: 1.3; }}
.od-pic {{ min-width: 0; min-height: 0; height: 100%; display: flex; justify-content: center; align-items: center; }}
.od-img {{ display: block; max-width: 100%; object-fit: contain; object-position: center top; }}
.od-qr {{ display: block; height: auto; }}
.od-table {{ border-collapse: collapse; width: 100%; }}
.od-table th {{ text-align: left; border-bottom: calc({_U}*.3) solid {INK}; padding: calc({_U}*.6) calc({_U}*1.2);
  vertical-align: bottom; }}
.od-table td {{ border-bottom: 1px solid #c9ced1; padding: calc({_U}*.9) calc({_U}*1.2); vertical-align: top; }}
[data-lang="both"] .od-table td {{ padding: calc({_U}*.6) calc({_U}*1.2); }}
.od-table td:first-child {{ width: 46%; }}
.r-th {{ display: block; font-size: calc({_U}*2.2); color: {MUTED}; font-weight: 600; }}
[data-lang="both"] .r-th {{ display: inline; }}
[data-lang="both"] .r-th.en2 {{ font-size: calc({_U}*2.0); }}
[data-lang="both"] .r-th.en2::before {{ content: " / "; }}
.r-td {{ display: block; font-size: calc({_U}*2.5); line-height: 1.3; }}
[data-lang="both"] .r-td {{ font-size: calc({_U}*2.2); }}
[data-lang="both"] .r-td.en2 {{ font-size: calc({_U}*2.0); color: #3d4a52; }}
.od-table td:nth-child(2) .r-td, .od-table td:nth-child(3) .r-td {{ font-weight: 700; }}
.od-note {{ margin: calc({_U}*1.4) 0 0; }}
.od-note .r-point {{ font-size: calc({_U}*2.2); }}
[data-lang="both"] .od-note .r-point {{ font-size: calc({_U}*2.1); }}
[data-lang="both"] .od-note .r-point.en2 {{ font-size: calc({_U}*2.0); }}
.od-qrbox {{ text-align: center; }}
.od-qr {{ width: calc({_U}*40); height: calc({_U}*40); margin: 0 auto; image-rendering: pixelated; }}
.od-scan {{ margin-top: calc({_U}*1); }}
.od-url {{ font-size: calc({_U}*2.4); font-weight: 600; margin-top: calc({_U}*.6); overflow-wrap: anywhere; max-width: calc({_U}*56); }}
.od-source {{ flex: none; margin-top: auto; }}
.od-source p {{ margin: 0; }}
.r-source {{ display: block; font-size: calc({_U}*2); color: {MUTED}; line-height: 1.3; }}
.od-strip {{ position: absolute; left: calc({_U}*6); right: calc({_U}*6); bottom: 0; height: calc({_U}*6); display: flex;
  align-items: center; justify-content: space-between; gap: calc({_U}*2); }}
.od-bar {{ position: absolute; left: 0; right: 0; top: 0; height: calc({_U}*.4); background: {GRID}; overflow: hidden; }}
.od-bar i {{ display: block; height: 100%; width: 100%; background: #0b6e4f; transform-origin: left; transform: scaleX(0); }}
[data-mode="present"] .od-bar {{ display: none; }}
.od-where {{ margin-left: auto; display: flex; align-items: center; gap: calc({_U}*1.6); }}
.od-count {{ font-size: calc({_U}*2.2); color: {MUTED}; font-variant-numeric: tabular-nums; min-width: calc({_U}*8); text-align: right; }}
.od-dots {{ display: flex; gap: calc({_U}*.9); }}
.od-dot {{ width: calc({_U}*1.5); height: calc({_U}*1.5); border-radius: 50%; border: 0; padding: 0; background: #c9ced1;
  cursor: pointer; }}
.od-dot.on {{ background: #0b6e4f; }}
.od-nav {{ font-size: calc({_U}*3); line-height: 1; border: 1px solid {GRID}; background: #fff; color: {INK}; border-radius: calc({_U}*.6);
  width: calc({_U}*5); height: calc({_U}*4.4); cursor: pointer; padding: 0; }}
.od-paused {{ background: #fff7e6; border-left: calc({_U}*.5) solid #E69F00; padding: calc({_U}*.4) calc({_U}*1.2); }}
.od-paused[hidden] {{ display: none; }}
.r-status {{ display: inline; font-size: calc({_U}*2.0); margin-right: calc({_U}*1); }}
"""

# The deck's behaviour. Kiosk: advance every `interval` seconds, wrapping round; a touch, click or key pauses
# it, and it resumes after `idle` seconds without one. Presenter: clicker and keyboard keys. Both remember
# the slide in sessionStorage; the presenter also keeps it in the URL (?slide=N) so a reload stays there.
# A re-rendered deck (Streamlit reconnecting after a server restart) stops the old one's timers first.
SCRIPT = r"""
(function () {
  var script = document.currentScript, root = script && script.closest('.ordos-deck');
  if (!root) return;
  if (window.__ordosDeck) window.__ordosDeck.stop();
  var cfg = JSON.parse(root.getAttribute('data-config'));
  var slides = root.querySelectorAll('.od-slide'), n = slides.length;
  var dots = root.querySelectorAll('.od-dot'), count = root.querySelector('.od-count');
  var badge = root.querySelector('.od-paused'), bar = root.querySelector('.od-bar i');
  var kiosk = cfg.mode === 'kiosk', i = 0, timer = null, idleTimer = null, paused = false, advances = 0, anim = null;
  var listeners = [];
  function on(target, type, fn, opts) { target.addEventListener(type, fn, opts); listeners.push([target, type, fn, opts]); }
  function remembered() {
    try { var v = parseInt(window.sessionStorage.getItem(cfg.key), 10); return isNaN(v) ? null : v; } catch (e) { return null; }
  }
  function show(k) {
    k = kiosk ? ((k % n) + n) % n : Math.max(0, Math.min(n - 1, k));
    slides[i].classList.remove('on'); slides[i].setAttribute('aria-hidden', 'true');
    if (dots[i]) dots[i].classList.remove('on');
    i = k;
    slides[i].classList.add('on'); slides[i].removeAttribute('aria-hidden');
    if (dots[i]) dots[i].classList.add('on');
    count.textContent = (i + 1) + ' / ' + n;
    count.setAttribute('aria-label', cfg.progress.replace('{no}', i + 1).replace('{total}', n));
    root.setAttribute('data-index', String(i + 1));
    document.documentElement.classList.toggle('ordos-deck-edge', !kiosk && (i === 0 || i === n - 1));
    try { window.sessionStorage.setItem(cfg.key, String(i)); } catch (e) {}
    if (!kiosk) {
      try {
        var url = new URL(window.location.href);
        url.searchParams.set('slide', String(i + 1));
        window.history.replaceState(window.history.state, '', url.toString());
      } catch (e) {}
    }
  }
  function progress() {
    if (anim) { anim.cancel(); anim = null; }
    if (!kiosk || paused || !bar.animate) return;
    anim = bar.animate([{transform: 'scaleX(0)'}, {transform: 'scaleX(1)'}], {duration: cfg.interval * 1000, fill: 'forwards'});
  }
  // One advance of the loop: what the timer does, and what the soak test calls thousands of times.
  function tick() {
    advances += 1; root.setAttribute('data-advances', String(advances));
    show(i + 1); schedule();
  }
  function schedule() {
    clearTimeout(timer); timer = null;
    if (kiosk && !paused) {
      timer = setTimeout(tick, cfg.interval * 1000);
    }
    progress();
  }
  function resume() { paused = false; badge.hidden = true; root.removeAttribute('data-paused'); schedule(); }
  function pause() {
    paused = true; badge.hidden = false; root.setAttribute('data-paused', '1');
    clearTimeout(timer); timer = null; progress();
    clearTimeout(idleTimer); idleTimer = setTimeout(resume, cfg.idle * 1000);
  }
  function go(k) { show(k); if (kiosk) pause(); }
  function onKey(e) {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    var tag = (e.target && e.target.tagName) || '';
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag)) return;
    var next = ['PageDown', 'ArrowRight', 'ArrowDown', ' ', 'Spacebar'], back = ['PageUp', 'ArrowLeft', 'ArrowUp'];
    if ((e.key === ' ' || e.key === 'Spacebar') && /^(BUTTON|A)$/.test(tag)) return;
    if (next.indexOf(e.key) >= 0) go(i + 1);
    else if (back.indexOf(e.key) >= 0) go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(n - 1);
    else { if (kiosk) pause(); return; }
    e.preventDefault();
  }
  function onTouch(e) {
    var target = e.target && e.target.closest ? e.target : null;
    var dot = target && target.closest('.od-dot'), step = target && target.closest('.od-nav');
    if (dot) { go(parseInt(dot.getAttribute('data-to'), 10) - 1); return; }
    if (step && e.type === 'click') { go(i + parseInt(step.getAttribute('data-go'), 10)); return; }
    if (kiosk) pause();
  }
  on(document, 'keydown', onKey, false);
  on(root, 'pointerdown', onTouch, {passive: true});
  on(root, 'touchstart', onTouch, {passive: true});
  on(root, 'click', onTouch, false);
  on(root, 'wheel', function () { if (kiosk) pause(); }, {passive: true});
  var start = kiosk ? remembered() : cfg.start - 1;
  if (start === null || start < 0 || start >= n) start = 0;
  show(start);
  schedule();
  window.__ordosDeck = {
    root: root,
    tick: tick,
    stop: function () {
      clearTimeout(timer); clearTimeout(idleTimer); if (anim) anim.cancel();
      listeners.forEach(function (l) { l[0].removeEventListener(l[1], l[2], l[3]); });
      listeners = [];
      document.documentElement.classList.remove('ordos-deck-edge');
    }
  };
})();
"""
