"""Exhibition screen: the slides full screen, advancing by themselves (?lang=zh|en|both, ?interval=seconds).

The whole loop runs in the browser (components/slides/html.py): no rerun per slide, so nothing grows on the
server however long it runs. A touch pauses it; after ?idle= seconds (one minute) it carries on.
"""

import streamlit as st

from components.slides import html as deck_html
from core import settings
from core.routing import ensure_router
from core.state import lang_of
from views import deck

ensure_router()

lang = lang_of(st.query_params, deck_html.LANGS)
body, total = deck.body(lang, settings.public_url())
interval = deck_html.seconds(st.query_params.get("interval"), deck_html.INTERVAL)
idle = deck_html.seconds(st.query_params.get("idle"), deck_html.IDLE)
st.html(deck_html.page_html(body, lang=lang, mode="kiosk", total=total, interval=interval, idle=idle), unsafe_allow_javascript=True)
