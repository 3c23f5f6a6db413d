"""Home: what the plan and the zone are, the headline figures, Jungar Banner's highlights, the way in."""

import streamlit as st

from components.cards import cards_html
from components.figures import fact_cards
from components.theme import JUNGAR
from core import data
from core.i18n import t
from core.routing import ensure_router
from core.state import lang_of

ensure_router()  # a direct link on a fresh server must still go through app.py

lang = lang_of(st.query_params)
sources = {"story": t("app.source_story", lang), "plan": t("app.source_plan", lang)}

st.markdown(f'<p class="ordos-kicker">{t("home.kicker", lang)}</p>', unsafe_allow_html=True)
st.title(t("home.title", lang))
st.write(t("home.intro", lang))

st.subheader(t("home.headline", lang))
st.html(cards_html(fact_cards(data.facts("headline"), lang, sources), t("app.quote", lang)))
st.caption(t("home.headline_note", lang))

st.subheader(t("home.jungar", lang))
st.write(t("home.jungar_intro", lang))
highlights = data.facts("jungar").query(
    "fact_id in ['jungar_green_mines', 'jungar_green_mines_national', 'jungar_reclaimed_area', 'jungar_seedlings']"
)
st.html(cards_html(fact_cards(highlights, lang, sources, accent=JUNGAR), t("app.quote", lang)))

st.subheader(t("home.explore", lang))
cols = st.columns(3)
for i, key in enumerate(("zhungeer", "indicators", "projects", "map", "about")):
    with cols[i % 3].container(border=True):
        st.page_link(f"pages/{key}.py", label=t(f"nav.{key}", lang), query_params={"lang": lang})
        st.caption(t(f"home.explore_{key}", lang))
