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

HIGHLIGHTS = ["jungar_green_mines", "jungar_green_mines_national", "jungar_reclaimed_area", "jungar_seedlings"]


@st.cache_data(show_spinner=False, max_entries=4)
def figure_cards(lang: str) -> tuple[str, str]:
    """The headline cards and Jungar Banner's highlights as HTML, made once per language."""
    sources = {"story": t("app.source_story", lang), "plan": t("app.source_plan", lang)}
    jungar = data.facts("jungar")
    return (
        cards_html(fact_cards(data.facts("headline"), lang, sources), t("app.quote", lang)),
        cards_html(fact_cards(jungar[jungar["fact_id"].isin(HIGHLIGHTS)], lang, sources, accent=JUNGAR), t("app.quote", lang)),
    )


lang = lang_of(st.query_params)
headline_html, highlights_html = figure_cards(lang)

st.markdown(f'<p class="ordos-kicker">{t("home.kicker", lang)}</p>', unsafe_allow_html=True)
st.title(t("home.title", lang))
st.write(t("home.intro", lang))

st.subheader(t("home.headline", lang))
st.html(headline_html)
st.caption(t("home.headline_note", lang))

st.subheader(t("home.jungar", lang))
st.write(t("home.jungar_intro", lang))
st.html(highlights_html)

st.subheader(t("home.explore", lang))
cols = st.columns(3)
for i, key in enumerate(("zhungeer", "indicators", "projects", "map", "about")):
    with cols[i % 3].container(border=True):
        st.page_link(f"pages/{key}.py", label=t(f"nav.{key}", lang), query_params={"lang": lang})
        st.caption(t(f"home.explore_{key}", lang))
