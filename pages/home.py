"""Home: what the plan and the zone are, the headline figures, Jungar Banner's highlights, the way in."""

import streamlit as st

from components import chrome
from core import pages
from core.i18n import t
from core.routing import ensure_router
from core.state import lang_of
from views import home

ensure_router()

lang = lang_of(st.query_params)
view = home.view(lang)

chrome.kicker(t("home.kicker", lang))
st.title(t("home.title", lang))
st.write(t("home.intro", lang))

st.header(t("home.headline", lang))
st.html(view.headline)
st.caption(t("home.headline_note", lang))

st.header(t("home.jungar", lang))
st.write(t("home.jungar_intro", lang))
st.html(view.highlights)

st.header(t("home.explore", lang))
cols = st.columns(3)
for i, way in enumerate(view.ways):
    with cols[i % 3].container(border=True):
        st.page_link(way.script, label=way.label, query_params=pages.params(lang))
        st.caption(way.caption)
