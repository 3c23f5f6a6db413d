"""Map: the nine banners and districts shaded by planned investment or project count; choose one to list its projects."""

from functools import partial

import streamlit as st

from components.cards import Card, cards_html, note_html
from components.maps import deck as dmap
from components.widgets import cached_deck
from core import data
from core.i18n import col, t
from core.routing import ensure_router
from core.state import choice_param, lang_of

ensure_router()  # a direct link on a fresh server must still go through app.py

SCOPES = ("districts", "citywide", "unresolved")


@st.cache_data(show_spinner=False, max_entries=8)
def city_parts(lang: str) -> dict:
    """What every view of the map page shows, made once per language (cards, counts, lists, descriptions)."""
    districts, projects, actions = data.districts(), data.projects(), data.actions()
    action_names = dict(zip(actions.action_no, actions[col(lang, "name")], strict=True))
    groups = {scope: projects[projects.scope == scope] for scope in SCOPES}
    money = {scope: dmap.money_total(group, lang) for scope, group in groups.items()}
    cards = [Card(str(len(g)), t(f"map.card_{s}", lang, amount=money[s]), t("map.card_unit", lang)) for s, g in groups.items()]
    return {
        "names": dict(zip(districts.district_code, districts[col(lang, "name")], strict=True)),
        "action_names": action_names,
        "n": {scope: len(group) for scope, group in groups.items()},
        "money": money,
        "cards": cards_html(cards, ""),
        "counting": t("map.counting", lang, n=len(groups["districts"]), sum=dmap.money_total(districts, lang), placed=money["districts"]),
        "descriptions": {m: dmap.description(districts, m, lang) for m in dmap.METRICS},
        "citywide": dmap.project_list_html(groups["citywide"], lang, action_names, place=True),
        "unresolved": dmap.project_list_html(groups["unresolved"], lang, action_names, place=True),
    }


@st.cache_data(show_spinner=False, max_entries=32)
def district_parts(code: str, lang: str) -> dict:
    """One district's heading, summary and project list, made once per district and language."""
    districts, names = data.districts(), city_parts(lang)["names"]
    own, citywide = data.district_projects(code), data.district_citywide_projects(code)
    citywide_line = t("map.selected_citywide", lang, n=len(citywide), name=names[code], amount=dmap.money_total(citywide, lang))
    return {
        "heading": dmap.bilingual_name(districts[districts.district_code == code].iloc[0].to_dict(), lang),
        "summary": t("map.selected_summary", lang, n=len(own), name=names[code], amount=dmap.money_total(own, lang)) if len(own) else None,
        "list": dmap.project_list_html(own, lang, city_parts(lang)["action_names"]) if len(own) else None,
        "empty": t("map.selected_empty", lang, name=names[code]),
        "citywide": citywide_line,
    }


lang = lang_of(st.query_params)
city = city_parts(lang)
names = city["names"]
metric = choice_param(st.query_params, "metric", dmap.METRICS) or "investment"
selected = choice_param(st.query_params, "district", names)


def to_url(name: str, value: str | None, default: str | None = None) -> None:
    if value in (None, "", default):
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = value


def picked_on_map(key: str) -> None:
    if picked := st.session_state[key].selection.objects.get("districts"):
        to_url("district", picked[0]["properties"]["district_code"])


# The URL is the truth (deep links, language switch); widgets follow it and write changes back.
st.session_state["map-metric"], st.session_state["map-district"] = metric, selected or ""
st.title(t("map.title", lang))
st.write(t("map.intro", lang))
with st.container(horizontal=True, gap="medium", vertical_alignment="bottom", key="map-controls"):
    st.segmented_control(t("map.metric_label", lang), dmap.METRICS, format_func=lambda m: t(f"map.metric_{m}", lang), required=True,
                         key="map-metric", on_change=lambda: to_url("metric", st.session_state["map-metric"], "investment"))  # fmt: skip
    st.selectbox(t("map.district_label", lang), ["", *names], format_func=lambda c: names.get(c) or t("map.district_none", lang),
                 key="map-district", on_change=lambda: to_url("district", st.session_state["map-district"]))  # fmt: skip

# The map keeps a fixed width (its zoom is fixed); the text beside it wraps below it on narrow screens.
layout = st.container(horizontal=True, gap="medium", key="map-row")
with layout.container(width=dmap.MAP_WIDTH_PX, key="map-figure"):
    key = f"map-deck-{selected or 'none'}"  # a new key per selection clears the map's own click state
    shade = partial(dmap.district_deck, lang=lang, metric=metric, selected=selected)
    deck = cached_deck("map", (lang, metric, selected), lambda: shade(data.districts()))
    st.pydeck_chart(deck, height=dmap.MAP_HEIGHT_PX,
                    on_select=partial(picked_on_map, key), selection_mode="single-object", key=key, alt=t("map.map_alt", lang))  # fmt: skip
    st.html(dmap.legend_html(metric, lang, selected_name=names.get(selected)))
with layout.container(key="map-side"):
    st.html(city["cards"])
    st.markdown(f"**{t('map.counting_title', lang)}** " + city["counting"])
    st.html(note_html(t("map.schematic", lang)))
st.caption(city["descriptions"][metric] + " " + t("map.map_source", lang))

if selected:
    chosen = district_parts(selected, lang)
    st.header(chosen["heading"])
    if chosen["list"]:
        st.write(chosen["summary"])
        st.html(chosen["list"])
    else:
        st.write(chosen["empty"])
    st.write(chosen["citywide"])
else:
    st.info(t("map.select_hint", lang))

st.header(t("map.citywide_title", lang))
st.write(t("map.citywide_intro", lang, n=city["n"]["citywide"], amount=city["money"]["citywide"]))
with st.expander(t("map.citywide_list", lang, n=city["n"]["citywide"])):
    st.html(city["citywide"])
st.header(t("map.unplaced_title", lang))
st.write(t("map.unplaced_intro", lang, n=city["n"]["unresolved"], amount=city["money"]["unresolved"]))
st.html(city["unresolved"])
