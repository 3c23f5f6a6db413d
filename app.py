"""The router and the frame: page config, language, navigation. Pages do the rest."""

import logging

import streamlit as st

from components import chrome
from core import data, heap, pages
from core.routing import routed, routes_for
from core.state import lang_of
from views import charts as drawings

st.set_page_config(page_title="鄂尔多斯绿色转型 · Ordos Green Transition", page_icon="🌱", layout="wide",
                   initial_sidebar_state="collapsed", menu_items={})  # fmt: skip
lang = lang_of(st.query_params)
# Every page of the registry (core/pages.py); the kiosk and the presenter have no frame and no place in the navigation.
routes = routes_for(lang)
current = st.navigation(list(routes.values()), position="hidden")
framed = current.url_path not in {pages.PAGES[key].url_path for key in pages.HIDDEN}
chrome.style()
try:
    data.check()
except data.DataUnavailable as exc:
    logging.getLogger("ordos").error("data unavailable: %s", exc)
    chrome.unavailable(lang)
    st.stop()
drawings.start()  # once per process: every chart drawn ahead, in the background, into the shared folder
if framed:
    chrome.header(routes, current, lang)
with routed():
    current.run()
if framed:
    chrome.footer(lang)
heap.freeze_once()  # after the first page: the long-lived objects out of the collector's way
