"""Presenter: the kiosk's slides moved by a clicker or the keyboard (?slide=N, ?lang=zh|en|both).

PageDown/PageUp (what clickers send), arrows, space, Home and End; the deck's PowerPoint files and the
charts are offered on the first and last slide.
"""

from functools import partial

import streamlit as st

from components import deck_html, deck_pptx, slides
from core import data, settings
from core.i18n import t
from core.routing import ensure_router
from core.state import int_param, lang_of
from views.deck import body as deck_body

ensure_router()  # a direct link on a fresh server must still go through app.py


@st.cache_resource(show_spinner=False, max_entries=4)  # bytes: shared, not unpickled per download
def deck_file(kind: str, lang: str, public_url: str) -> bytes:
    """The PowerPoint deck ('pptx') or the charts as PNG, SVG and CSV ('charts'), made when first asked for."""
    deck = slides.build(data.deck_tables(), public_url)
    return deck_pptx.render(deck, lang) if kind == "pptx" else deck_pptx.charts_zip(deck, lang)


lang = lang_of(st.query_params, deck_html.LANGS)
ui, url = ("en" if lang == "en" else "zh"), settings.public_url()
body, total = deck_body(lang, url)
start = int_param(st.query_params, "slide", range(1, total + 1)) or 1
st.html(deck_html.page_html(body, lang=lang, mode="present", total=total, start=start), unsafe_allow_javascript=True)
with st.container(horizontal=True, key=deck_html.DOWNLOADS_KEY):
    for code in slides.LANGS:
        st.download_button(
            t(f"slides.download_{code}", ui),
            data=partial(deck_file, "pptx", code, url),
            file_name=deck_pptx.file_name(code),
            mime=deck_pptx.PPTX_MIME,
            key=f"deck-{code}",
            on_click="ignore",
            icon=":material/slideshow:",
        )
    st.download_button(
        t("slides.download_charts", ui),
        data=partial(deck_file, "charts", ui, url),
        file_name=deck_pptx.charts_name(ui),
        mime="application/zip",
        key="deck-charts",
        on_click="ignore",
        icon=":material/bar_chart:",
    )
