"""Exhibition screen: the slides full screen, advancing by themselves (?lang=zh|en|both, ?interval=seconds).

The whole loop runs in the browser (components/slides/html.py): no rerun per slide, so nothing grows on the
server however long it runs. A touch pauses it; after ?idle= seconds (one minute) it carries on. For screens that
run for days: ?theme=dark, ?sleep=22:00-07:00 (quiet hours), a slow drift (?drift=off stops it), and ?screen=NAME,
which makes the screen report in to the staff's status page /screens.
"""

import streamlit as st

from components.slides import html as deck_html
from components.slides import reporter
from core import screens
from core.routing import ensure_router
from core.state import lang_of
from views import deck

ensure_router()

lang = lang_of(st.query_params, deck_html.LANGS)
body, total = deck.body(lang)
shown = deck_html.options(st.query_params, "kiosk")
st.html(deck_html.page_html(body, lang=lang, mode="kiosk", total=total, **shown), unsafe_allow_javascript=True)
if name := screens.screen_name(st.query_params.get("screen")):
    reporter.report(name, "kiosk", lang)
