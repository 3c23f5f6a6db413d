"""The slides for the kiosk and the presenter: every slide drawn once per language and public address."""

from __future__ import annotations

from components import charts, deck_html, slides
from core import data, memo


@memo.per_process(maxsize=6)
def body(lang: str, public_url: str) -> tuple[str, int]:
    """Every slide as HTML with its charts drawn, and the number of slides.

    Made once per language and address (drawing the charts is the slow part) and shared, not copied: a string is
    immutable. st.cache_data would unpickle the ~0.3 MB page on every run, and those copies, made on a new thread
    each run, grew the server by ~0.1 MB per run (1,000 kiosk reloads: +156 MB).
    """
    deck = slides.build(data.deck_tables(), public_url)
    return deck_html.slides_html(deck, lang, charts.svg), len(deck)
