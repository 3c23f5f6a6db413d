"""The slides as one HTML overlay for the kiosk and the presenter: every slide in the page, a script shows one.

Pure: slides in, rendered markup out (templates/deck/: slide.html, parts.html, page.html; autoescaped); the pages
pass it to st.html with JavaScript allowed. The whole deck is sent once; advancing is done in the browser
(assets/deck/deck.js), so a kiosk that loops for days asks nothing of the server and keeps nothing growing: one
timer, one slide index (kept in sessionStorage, so a reload after a server restart carries on where it was).
Charts and the map are inline pictures (SVG rendered offline with vl-convert, as data: URIs, which Streamlit's
HTML sanitiser keeps), so the browser requests nothing.

The overlay brings its own stylesheet (render.stylesheet('deck'): the palette, assets/deck/deck.css for the slides,
assets/deck/frame.css for the Streamlit frame of these two pages) and its script, each read once per process.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import segno
from markupsafe import Markup

from components import render
from components.slides.model import DISPLAY_LANGS, Slide, text
from components.theme import INK, WHITE
from core.i18n import t
from core.text import lang_attr

LANGS = DISPLAY_LANGS
MODES = ("kiosk", "present")
INTERVAL = (12.0, 0.05, 600.0)  # default, lowest, highest seconds per slide
IDLE = (60.0, 1.0, 3600.0)  # seconds without a touch before a paused kiosk resumes
SLIDE_PX = 10.8  # pixels per stage unit on a 1080p screen: chart pictures are drawn at that scale
ZOOM = 1.3  # a picture may grow up to this much beyond its drawn size where the slide has room
DOWNLOADS_KEY = "deck-downloads"  # the presenter's download buttons (a keyed Streamlit container; assets/deck/frame.css)


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


@dataclass(frozen=True)
class Picture:
    """A chart's SVG as an <img>: its data: URI and alt text, its drawn height in stage units (up to ZOOM: one SVG
    pixel is one pixel of a 1080p slide), its aspect ratio, and its declared size and smallest type."""

    src: str
    alt: str
    units: str
    ratio: str
    width: str
    height: str
    font_min: str


def picture(svg: str, alt_text: str) -> Picture:
    width, height = svg_size(svg)
    src = f"data:image/svg+xml;base64,{base64.b64encode(svg.encode('utf-8')).decode('ascii')}"
    return Picture(
        src, alt_text, f"{height * ZOOM / SLIDE_PX:.3f}", f"{width:.0f}/{height:.0f}", f"{width:g}", f"{height:g}", f"{svg_min_font(svg):g}"
    )


def qr_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG data URI (made here, offline, with segno)."""
    return segno.make(url, error="m").svg_data_uri(scale=10, border=2, dark=INK, light=WHITE)


def slide_html(slide: Slide, lang: str, number: int, total: int, chart_svg: Callable | None = None) -> Markup:
    """One slide as a <section>; `chart_svg(chart)` draws its chart as SVG text (components.charts.svg)."""
    main = "en" if lang == "en" else "zh"
    pic = None
    if slide.chart is not None and chart_svg is not None:
        alt_text = t("slides.chart_alt", main, description=slide.chart.description(main))
        pic = picture(chart_svg(slide.chart.draw(lang)), alt_text)
    closing = {}
    if slide.layout == "closing":
        url = slide.qr_url or ""
        closing = {"qr": qr_data_uri(url) if url else "", "qr_alt": t("slides.qr_alt", main, url=url), "scan": text("scan")}
    return render.render("deck/slide.html", slide=slide, lang=lang, number=number, total=total, pic=pic, **closing)


def slides_html(slides: list[Slide], lang: str, chart_svg: Callable | None) -> Markup:
    """Every slide of the deck (the heavy part: charts are rendered here; views.deck caches it per language)."""
    return Markup("").join(slide_html(s, lang, i, len(slides), chart_svg) for i, s in enumerate(slides, start=1))


def page_html(
    body: Markup, *, lang: str, mode: str, total: int, interval: float = INTERVAL[0], idle: float = IDLE[0], start: int = 1
) -> Markup:
    """The overlay around `slides_html`: the stage, the progress line, the stylesheet and the script."""
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
    return render.render(
        "deck/page.html",
        body=body,
        lang=lang,
        ui=ui,
        lang_attr=lang_attr(lang),
        mode=mode,
        total=total,
        start=start,
        config=config,
        paused=text("paused"),
        stylesheet=Markup(render.stylesheet("deck")),
        script=Markup(render.asset("deck/deck.js")),
    )
