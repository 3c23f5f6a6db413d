"""Exhibition screen: the slides full screen, advancing by themselves (?lang=zh|en|both, ?interval=seconds).

The whole loop runs in the browser (components/deck_html.py): no rerun per slide, so nothing grows on the
server however long it runs. A touch pauses it; after ?idle= seconds (one minute) it carries on.
"""

import streamlit as st

from components import deck_html, slides
from components.widgets import chart_svg
from core import data, settings
from core.routing import ensure_router
from core.state import lang_of

ensure_router()  # a direct link on a fresh server must still go through app.py


@st.cache_data(show_spinner=False, max_entries=6)
def deck_body(lang: str, public_url: str) -> tuple[str, int]:
    """Every slide as HTML, charts drawn (the slow part, done once per language and address)."""
    deck = slides.build(data.deck_tables(), public_url)
    return deck_html.slides_html(deck, lang, chart_svg), len(deck)


lang = lang_of(st.query_params, deck_html.LANGS)
body, total = deck_body(lang, settings.public_url())
interval = deck_html.seconds(st.query_params.get("interval"), deck_html.INTERVAL)
idle = deck_html.seconds(st.query_params.get("idle"), deck_html.IDLE)
st.html(deck_html.page_html(body, lang=lang, mode="kiosk", total=total, interval=interval, idle=idle), unsafe_allow_javascript=True)
