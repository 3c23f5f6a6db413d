"""The slides for the kiosk and the presenter, and the presenter's deck files: made once per language and public
address and shared by every session (core.memo.per_process)."""

from __future__ import annotations

from markupsafe import Markup

from components import charts
from components.slides import html, pptx
from components.slides.build import build
from components.slides.model import Slide
from core import data, memo


@memo.per_process(maxsize=4)
def slides(public_url: str) -> tuple[Slide, ...]:
    """The deck, built from the database's tables (frozen slides, shared by every view below)."""
    return tuple(build(data.deck_tables(), public_url))


@memo.per_process(maxsize=6)
def body(lang: str, public_url: str) -> tuple[Markup, int]:
    """Every slide as HTML with its charts drawn, and the number of slides.

    Made once per language and address (drawing the charts is the slow part) and shared, not copied: a string is
    immutable. st.cache_data would unpickle the ~0.3 MB page on every run, and those copies, made on a new thread
    each run, grew the server by ~0.1 MB per run (1,000 kiosk reloads: +156 MB).
    """
    deck = list(slides(public_url))
    return html.slides_html(deck, lang, charts.svg), len(deck)


@memo.per_process(maxsize=4)
def deck_file(kind: str, lang: str, public_url: str) -> bytes:
    """The PowerPoint deck ('pptx') or the charts as PNG, SVG and CSV ('charts') in `lang`, made when first asked
    for (bytes: shared, not copied per download)."""
    deck = list(slides(public_url))
    return pptx.render(deck, lang) if kind == "pptx" else pptx.charts_zip(deck, lang)
