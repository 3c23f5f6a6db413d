"""Map: the nine banners and districts shaded by planned investment or project count; choose one to list its projects."""

from functools import partial

import streamlit as st

from components.maps import deck as dmap
from components.maps import legend, ui
from components.widgets import cached_deck
from core import data
from core.i18n import t
from core.routing import ensure_router
from core.state import choice_param, lang_of
from views import map as view

ensure_router()

lang = lang_of(st.query_params)
city = view.city(lang)
names = city.names
metric = choice_param(st.query_params, "metric", city.metrics) or "investment"
selected = choice_param(st.query_params, "district", names)

# The URL is the truth (deep links, language switch); widgets follow it and write changes back.
st.session_state["map-metric"], st.session_state["map-district"] = metric, selected or ""
st.title(t("map.title", lang))
st.write(t("map.intro", lang))
ui.controls(city.metrics, city.choices, lang)

# The map keeps a fixed width (its zoom is fixed); the text beside it wraps below it on narrow screens.
layout = st.container(horizontal=True, gap="medium", key="map-row")
with layout.container(width=dmap.MAP_WIDTH_PX, key="map-figure"):
    key = f"map-deck-{selected or 'none'}"  # a new key per selection clears the map's own click state
    shade = partial(dmap.district_deck, lang=lang, metric=metric, selected=selected)
    deck = cached_deck("map", (lang, metric, selected), lambda: shade(data.districts()))
    st.pydeck_chart(
        deck,
        height=dmap.MAP_HEIGHT_PX,
        on_select=partial(ui.pick_district, key),
        selection_mode="single-object",
        key=key,
        alt=t("map.map_alt", lang),
    )
    st.html(view.legend_html(metric, selected, lang))
with layout.container(key="map-side"):
    st.html(city.cards)
    st.markdown(city.counting)
    st.html(city.schematic)
st.caption(legend.with_review_no(city.descriptions[metric], lang))

if selected:
    chosen = view.district(selected, lang)
    st.header(chosen.heading)
    if chosen.list:
        st.write(chosen.summary)
        st.html(chosen.list)
    else:
        st.write(chosen.empty)
    st.write(chosen.citywide)
else:
    st.info(t("map.select_hint", lang))

st.header(t("map.citywide_title", lang))
st.write(t("map.citywide_intro", lang, n=city.n["citywide"], amount=city.money["citywide"]))
with st.expander(t("map.citywide_list", lang, n=city.n["citywide"])):
    st.html(city.citywide)
st.header(t("map.unplaced_title", lang))
st.write(t("map.unplaced_intro", lang, n=city.n["unresolved"], amount=city.money["unresolved"]))
st.html(city.unresolved)
