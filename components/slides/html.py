"""The slides as one HTML overlay for the kiosk and the presenter: every slide in the page, a script shows one.

Pure: slides in, rendered markup out (templates/deck/: slide.html, parts.html, page.html; autoescaped); the pages
pass it to st.html with JavaScript allowed. The whole deck is sent once; advancing is done in the browser
(assets/deck/deck.js), so a kiosk that loops for days asks nothing of the server and keeps nothing growing: one
timer, one slide index (kept in sessionStorage, so a reload after a server restart carries on where it was).
Charts and the map are inline pictures (SVG rendered offline with vl-convert, as data: URIs, which Streamlit's
HTML sanitiser keeps), so the browser requests nothing.

The overlay brings its own stylesheet (render.stylesheet('deck'): the palette, assets/deck/deck.css for the slides,
assets/deck/frame.css for the Streamlit frame of these two pages) and its script, each read once per process.

Care for the panels of screens that run for days, set in the URL (`options()`; anything malformed is ignored):
`?theme=dark` for dim halls, `?sleep=22:00-07:00` quiet hours (a dark screen with a small clock, by the screen's
own clock; the loop carries on underneath, so the watchdog still sees it advance), and a slow drift of the slides
by a pixel every few minutes, at most 4 px, on the kiosk (`?drift=off` stops it; `?drift=on` in the presenter).
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
from components.slides import photos
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
THEMES = ("light", "dark")
_QUIET = re.compile(r"^\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-3]):([0-5]\d)\s*$")


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


def quiet_hours(raw: object) -> tuple[int, int] | None:
    """`?sleep=22:00-07:00` as (start, end) minutes after midnight (crossing midnight allowed); None when absent,
    malformed or empty (start equals end)."""
    found = _QUIET.match(str(raw)) if isinstance(raw, str) else None
    if not found:
        return None
    h1, m1, h2, m2 = (int(g) for g in found.groups())
    start, end = h1 * 60 + m1, h2 * 60 + m2
    return (start, end) if start != end else None


def theme_of(raw: object) -> str:
    """`?theme=dark` for dim halls; anything else is the light theme."""
    value = str(raw).strip().lower() if isinstance(raw, str) else ""
    return value if value in THEMES else THEMES[0]


def drift_of(raw: object, mode: str) -> bool:
    """The slow drift against burn-in: on in the kiosk unless `?drift=off`, off in the presenter unless `?drift=on`."""
    value = str(raw).strip().lower() if isinstance(raw, str) else ""
    if mode == "kiosk":
        return value not in ("off", "0", "no", "false")
    return value in ("on", "1", "yes", "true")


def options(params, mode: str) -> dict:
    """What page_html takes from the URL besides the language and the slide: interval and idle (the kiosk's), the
    theme, quiet hours and drift; every value checked, anything else the default."""
    found = {"theme": theme_of(params.get("theme")), "sleep": quiet_hours(params.get("sleep"))}
    found["drift"] = drift_of(params.get("drift"), mode)
    if mode == "kiosk":
        found |= {"interval": seconds(params.get("interval"), INTERVAL), "idle": seconds(params.get("idle"), IDLE)}
    return found


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


@dataclass(frozen=True)
class ShownPhoto:
    """A chapter's photo as the slide shows it: the downscaled JPEG as a data: URI, its alt text, caption, credit."""

    src: str
    alt: str
    caption: object
    credit: object


def slide_html(slide: Slide, lang: str, number: int, total: int, chart_svg: Callable | None = None) -> Markup:
    """One slide as a <section>; `chart_svg(chart)` draws its chart as SVG text (components.charts.svg). The place's
    Mongolian name stands beside the Chinese title, so only where the title is in Chinese (zh, both)."""
    main = "en" if lang == "en" else "zh"
    pic = None
    if slide.chart is not None and chart_svg is not None:
        alt_text = t("slides.chart_alt", main, description=slide.chart.description(main))
        pic = picture(chart_svg(slide.chart.draw(lang)), alt_text)
    photo = None
    if slide.photo is not None:
        shown = slide.photo
        alt_text = t("slides.photo_alt", main, caption=shown.caption(main))
        photo = ShownPhoto(photos.data_uri(shown.path), alt_text, shown.caption, shown.credit)
    closing = {}
    if slide.layout == "closing":
        url = slide.qr_url or ""
        closing = {"qr": qr_data_uri(url) if url else "", "qr_alt": t("slides.qr_alt", main, url=url), "scan": text("scan")}
    mongolian = slide.mongolian if lang != "en" else None
    return render.render(
        "deck/slide.html", slide=slide, lang=lang, number=number, total=total, pic=pic, photo=photo, mongolian=mongolian, **closing
    )


def slides_html(slides: list[Slide], lang: str, chart_svg: Callable | None) -> Markup:
    """Every slide of the deck (the heavy part: charts are rendered here; views.deck caches it per language)."""
    return Markup("").join(slide_html(s, lang, i, len(slides), chart_svg) for i, s in enumerate(slides, start=1))


def page_html(
    body: Markup,
    *,
    lang: str,
    mode: str,
    total: int,
    interval: float = INTERVAL[0],
    idle: float = IDLE[0],
    start: int = 1,
    theme: str = THEMES[0],
    sleep: tuple[int, int] | None = None,
    drift: bool = False,
) -> Markup:
    """The overlay around `slides_html`: the stage, the progress line, the quiet hours' dark screen, the stylesheet
    and the script."""
    ui = "en" if lang == "en" else "zh"
    config = {
        "mode": mode,
        "total": total,
        "interval": interval,
        "idle": idle,
        "start": max(1, min(start, total)),
        "key": f"ordos-{mode}-{lang}",
        "progress": t("slides.progress", ui, no="{no}", total="{total}"),
        "sleep": list(sleep) if sleep else None,
        "drift": bool(drift),
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
        theme=theme if theme in THEMES else THEMES[0],
        config=config,
        paused=text("paused"),
        stylesheet=Markup(render.stylesheet("deck")),
        script=Markup(render.asset("deck/deck.js")),
    )
