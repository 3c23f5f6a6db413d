"""The router and the frame: page config, language, navigation. Pages do the rest."""

import logging

import streamlit as st

from components import chrome
from core import data, heap
from core.i18n import t
from core.routing import routed
from core.state import lang_of

st.set_page_config(page_title="鄂尔多斯绿色转型 · Ordos Green Transition", page_icon="🌱", layout="wide",
                   initial_sidebar_state="collapsed", menu_items={})  # fmt: skip
lang = lang_of(st.query_params)

PUBLIC = {
    "home": st.Page("pages/home.py", title=t("nav.home", lang), url_path="", default=True),
    "zhungeer": st.Page("pages/zhungeer.py", title=t("nav.zhungeer", lang), url_path="zhungeer"),
    "indicators": st.Page("pages/indicators.py", title=t("nav.indicators", lang), url_path="indicators"),
    "projects": st.Page("pages/projects.py", title=t("nav.projects", lang), url_path="projects"),
    "map": st.Page("pages/map.py", title=t("nav.map", lang), url_path="map"),
    "about": st.Page("pages/about.py", title=t("nav.about", lang), url_path="about"),
}
HIDDEN = {  # screens without the site's frame, not in its navigation: the exhibition kiosk and the presenter
    "kiosk": st.Page("pages/kiosk.py", title=t("slides.page_kiosk", lang), url_path="kiosk"),
    "present": st.Page("pages/present.py", title=t("slides.page_present", lang), url_path="present"),
}
current = st.navigation([*PUBLIC.values(), *HIDDEN.values()], position="hidden")
framed = current.url_path not in HIDDEN
chrome.style()
try:
    data.check()
except data.DataUnavailable as exc:
    logging.getLogger("ordos").error("data unavailable: %s", exc)
    chrome.unavailable(lang)
    st.stop()
if framed:
    chrome.header(PUBLIC, current, lang)
with routed():
    current.run()
if framed:
    chrome.footer(lang)
heap.freeze_once()  # after the first page: the long-lived objects out of the collector's way
