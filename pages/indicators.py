"""Indicators: all 36 by category, progress since 2020, the change each requires, one in detail, the table with CSV."""

import streamlit as st

from components import chrome
from components.widgets import show_chart
from core import pages
from core.i18n import t
from core.routing import ensure_router
from core.state import int_param, lang_of, sync_to_url
from views import charts
from views import indicators as view

ensure_router()

lang = lang_of(st.query_params)
labels, stem = view.labels(lang), t("indicators.file_name", lang)
selected = int_param(st.query_params, "indicator", view.rows_by_no())
category = int_param(st.query_params, "category", range(1, len(labels.categories)))
params = view.link_params(st.query_params.to_dict(), lang)

chrome.kicker(t("indicators.kicker", lang))
st.title(t("indicators.title", lang))
st.write(t("indicators.intro", lang))
st.html(view.plan_note(lang))
with st.container(key="indicator-progress"):  # before any observed value: one line, the statuses a tap away
    if view.observed():
        st.header(t("indicators.progress_title", lang))
    st.html(view.overview(lang, params))  # ending with the link to the rule on the About page

st.session_state["indicator-category"] = category or 0
st.pills(t("indicators.category_label", lang), list(range(len(labels.categories))), key="indicator-category", on_change=sync_to_url,
         args=("indicator-category", "category"), format_func=labels.categories.__getitem__)  # fmt: skip
st.session_state["indicator-select"] = selected or 0
st.selectbox(t("indicators.indicator_label", lang), list(labels.indicators), key="indicator-select", on_change=sync_to_url,
             args=("indicator-select", "indicator"), format_func=labels.indicators.get)  # fmt: skip

if selected:
    part = view.detail(selected, lang)
    with st.container(border=True, key="indicator-detail"):
        st.header(part.title)
        st.html(part.figures)
        for heading, html in part.upper:
            st.markdown(f"**{heading}**")
            st.html(html)
        if trajectory := charts.indicator_trajectory(selected, lang):
            show_chart(trajectory, lang)
            st.html(part.observations)
        for heading, html in part.lower:
            st.markdown(f"**{heading}**")
            st.html(html)
        st.markdown(f"**{t('indicators.chapters_title', lang)}**")
        with st.container(key="indicator-chapters"):
            for chapter in part.chapters:
                st.page_link(pages.PAGES["zhungeer"].script, label=chapter.label, icon=":material/menu_book:", query_params=chapter.params)
            if not part.chapters:
                st.caption(t("indicators.chapters_none", lang))

# The list first: every indicator's name, 2020 value, 2024 target and unit as text on the first screen. Only the open
# tab is drawn (a tab switch reruns); the labels differ by language, so each language keeps its own tab state.
tabs = [t(f"indicators.tab_{key}", lang) for key in ("list", "chart", "table")]
tab_list, tab_chart, tab_table = st.tabs(tabs, key=f"indicator-tabs-{lang}", on_change="rerun")
if tab_chart.open:
    with tab_chart:
        show_chart(charts.indicator_change(lang, category), lang)
if tab_list.open:
    with tab_list:
        st.caption(t("indicators.list_hint", lang))
        for name, cards in view.cards(lang, category, selected, params):
            st.header(name)
            st.html(cards)
if tab_table.open:
    with tab_table:
        table = view.table(lang, category)
        st.dataframe(table.frame, hide_index=True, width="stretch", column_config=table.columns)
        st.caption(t("indicators.table_caption", lang))
        st.download_button(t("indicators.download_table", lang), data=table.csv, mime="text/csv", key="indicator-table-csv",
                           file_name=f"{stem}.csv", on_click="ignore", icon=":material/download:")  # fmt: skip
