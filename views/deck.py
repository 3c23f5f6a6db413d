"""The slides for the kiosk and the presenter, and the presenter's deck files: made once per language and setting
(the QR code's address, the map review number) and shared by every session (core.memo.per_process)."""

from __future__ import annotations

from markupsafe import Markup

from components import charts
from components.slides import html, pptx
from components.slides.build import build
from components.slides.model import Slide
from core import data, memo, settings


def current() -> tuple[str, str | None]:
    """The settings the slides depend on, read now: where the QR code points, the map review number (审图号)."""
    return settings.qr_url(), settings.map_review_no()


@memo.per_process(maxsize=4)
def slides(qr_url: str, map_review_no: str | None = None) -> tuple[Slide, ...]:
    """The deck, built from the database's tables (frozen slides, shared by every view below)."""
    return tuple(build(data.deck_tables(), qr_url, map_review_no))


@memo.per_process(maxsize=6)
def _body(lang: str, qr_url: str, map_review_no: str | None) -> tuple[Markup, int]:
    deck = list(slides(qr_url, map_review_no))
    return html.slides_html(deck, lang, charts.svg), len(deck)


def body(lang: str) -> tuple[Markup, int]:
    """Every slide as HTML with its charts drawn, and the number of slides.

    Made once per language and settings (drawing the charts is the slow part) and shared, not copied: a string is
    immutable. st.cache_data would unpickle the ~0.3 MB page on every run, and those copies, made on a new thread
    each run, grew the server by ~0.1 MB per run (1,000 kiosk reloads: +156 MB).
    """
    return _body(lang, *current())


@memo.per_process(maxsize=4)
def _deck_file(kind: str, lang: str, qr_url: str, map_review_no: str | None) -> bytes:
    deck = list(slides(qr_url, map_review_no))
    return pptx.render(deck, lang) if kind == "pptx" else pptx.charts_zip(deck, lang)


def deck_file(kind: str, lang: str) -> bytes:
    """The PowerPoint deck ('pptx') or the charts as PNG, SVG and CSV ('charts') in `lang`, made when first asked
    for (bytes: shared, not copied per download)."""
    return _deck_file(kind, lang, *current())
