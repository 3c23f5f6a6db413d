"""Presenter: the kiosk's slides moved by a clicker or the keyboard (?slide=N, ?lang=zh|en|both).

PageDown/PageUp (what clickers send), arrows, space, Home and End; the deck's PowerPoint files and the
charts are offered on the first and last slide. Also ?theme=dark, ?sleep=…, ?drift=on and ?screen=NAME (reports
to /screens), as on the kiosk.
"""

from functools import partial

import streamlit as st

from components.slides import html as deck_html
from components.slides import pptx, reporter
from components.slides.model import LANGS
from core import screens
from core.i18n import t
from core.routing import ensure_router
from core.state import int_param, lang_of
from views import deck

ensure_router()

lang = lang_of(st.query_params, deck_html.LANGS)
ui = "en" if lang == "en" else "zh"
body, total = deck.body(lang)
start = int_param(st.query_params, "slide", range(1, total + 1)) or 1
shown = deck_html.options(st.query_params, "present")
st.html(deck_html.page_html(body, lang=lang, mode="present", total=total, start=start, **shown), unsafe_allow_javascript=True)
if name := screens.screen_name(st.query_params.get("screen")):
    reporter.report(name, "present", lang)
with st.container(horizontal=True, key=deck_html.DOWNLOADS_KEY):
    for code in LANGS:
        st.download_button(
            t(f"slides.download_{code}", ui),
            data=partial(deck.deck_file, "pptx", code),
            file_name=pptx.file_name(code),
            mime=pptx.PPTX_MIME,
            key=f"deck-{code}",
            on_click="ignore",
            icon=":material/slideshow:",
        )
    st.download_button(
        t("slides.download_charts", ui),
        data=partial(deck.deck_file, "charts", ui),
        file_name=pptx.charts_name(ui),
        mime="application/zip",
        key="deck-charts",
        on_click="ignore",
        icon=":material/bar_chart:",
    )
