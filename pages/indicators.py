"""Indicators: all 36 by category, progress since 2020, the change each requires, one in detail, the table with CSV."""

import streamlit as st

from components import indicator_charts as ic
from components.cards import note_html
from components.widgets import show_cached_chart
from core import data
from core.i18n import col, t
from core.routing import ensure_router
from core.state import int_param, lang_of

ensure_router()  # a direct link on a fresh server must still go through app.py

lang = lang_of(st.query_params)
indicators = data.indicators()


@st.cache_data(show_spinner=False)
def rows_by_no() -> dict[int, dict]:
    """The indicators as rows by number (converting the table to rows was ~10% of a run)."""
    return {int(r["indicator_no"]): r for r in data.indicators().to_dict("records")}


@st.cache_data(show_spinner=False, max_entries=160)
def detail_parts(no: int, lang: str) -> dict[str, str]:
    """One indicator's detail panels as HTML, made once per indicator and language."""
    row, notes = rows_by_no()[no], data.notes_for(f"indicator:{no}")
    return {
        "figures": ic.figures_html(row, lang),
        "notes": "" if notes.empty else ic.notes_html(notes, lang),
        "facts": ic.facts_html(row, lang),
        "programs": ic.programs_html(data.indicator_programs(no), lang),
    }


by_no = rows_by_no()
cats = ic.categories(indicators, lang)
selected = int_param(st.query_params, "indicator", by_no)
category = int_param(st.query_params, "category", range(1, len(cats) + 1))
view = indicators if category is None else indicators[indicators[col(lang, "category")] == cats[category - 1]]
progress, observations = data.indicator_status(), data.table("observations")
status = dict(zip(progress["indicator_no"].astype(int), progress["status"], strict=True))
params = {**{k: v for k, v in st.query_params.to_dict().items() if k != "indicator"}, "lang": lang}


@st.cache_data(show_spinner=False, max_entries=4)
def option_labels(lang: str) -> tuple[dict[int, str], dict[int, str]]:
    """The category and indicator pickers' labels, made once per language (formatting them was ~15% of a run)."""
    rows = data.indicators()
    cat_labels = {i: ic.category_option(rows, i, lang) for i in range(len(ic.categories(rows, lang)) + 1)}
    labels = {0: ic.option_label(None, lang)} | {int(r["indicator_no"]): ic.option_label(r, lang) for r in rows.to_dict("records")}
    return cat_labels, labels


cat_labels, indicator_labels = option_labels(lang)


def to_url(name: str, key: str) -> None:
    """A widget's choice goes into the URL so that the view can be shared; 0 or none is the default view."""
    if st.session_state.get(key):
        st.query_params[name] = str(st.session_state[key])
    else:
        st.query_params.pop(name, None)


st.html(ic.CSS)
st.markdown(f'<p class="ordos-kicker">{t("indicators.kicker", lang)}</p>', unsafe_allow_html=True)
st.title(t("indicators.title", lang))
st.write(t("indicators.intro", lang))
st.html(note_html(" ".join(data.notes_for("source:plan")[col(lang, "note")])))
with st.container(key="indicator-progress"):
    st.header(t("indicators.progress_title", lang))
    st.html(ic.progress_overview_html(indicators, progress, lang, params))
    st.page_link("pages/about.py", label=t("indicators.progress_rule_link", lang), icon=":material/rule:", query_params={"lang": lang})

st.session_state["indicator-category"] = category or 0
st.pills(t("indicators.category_label", lang), list(range(len(cats) + 1)), key="indicator-category", on_change=to_url,
         args=("category", "indicator-category"), format_func=cat_labels.get)  # fmt: skip
st.session_state["indicator-select"] = selected or 0
st.selectbox(t("indicators.indicator_label", lang), [0, *by_no], key="indicator-select", on_change=to_url,
             args=("indicator", "indicator-select"), format_func=indicator_labels.get)  # fmt: skip

if selected:
    row = by_no[selected]
    with st.container(border=True, key="indicator-detail"):
        parts = detail_parts(selected, lang)
        st.subheader(indicator_labels[selected])
        st.html(parts["figures"])
        if parts["notes"]:
            st.markdown(f"**{t('indicators.notes_title', lang)}**")
            st.html(parts["notes"])
        st.markdown(f"**{t('indicators.progress_title', lang)}**")
        own, state = observations[observations["indicator_no"] == selected], status.get(selected, "no_data")
        st.html(ic.progress_status_html(row, state, own, lang))
        if not own.empty:
            show_cached_chart("indicator-trajectory", (lang, selected), f"{t('indicators.file_name', lang)}-{selected}-progress", lang,
                              ic.trajectory_view, row, state, own, lang)  # fmt: skip
            st.html(ic.observations_html(own, row, lang))
        st.markdown(f"**{t('indicators.facts_title', lang)}**")
        st.html(parts["facts"])
        st.markdown(f"**{t('indicators.programs_title', lang)}**")
        st.html(parts["programs"])
        st.markdown(f"**{t('indicators.chapters_title', lang)}**")
        with st.container(key="indicator-chapters"):
            for ch in (chapters := data.indicator_chapters(selected)).to_dict("records"):
                st.page_link("pages/zhungeer.py", label=ic.chapter_label(ch, lang), icon=":material/menu_book:",
                             query_params={"chapter": ch["chapter_no"], "lang": lang})  # fmt: skip
            if chapters.empty:
                st.caption(t("indicators.chapters_none", lang))

tabs = [t("indicators.tab_chart", lang), t("indicators.tab_list", lang), t("indicators.tab_table", lang)]
# Only the open tab is drawn (a tab switch reruns): the labels differ by language, so each language keeps its own state.
tab_chart, tab_list, tab_table = st.tabs(tabs, key=f"indicator-tabs-{lang}", on_change="rerun")
if tab_chart.open:
    with tab_chart:
        show_cached_chart("indicator-change", (lang, category), f"{t('indicators.file_name', lang)}-change", lang, ic.change_view, view,
                          lang, progress)  # fmt: skip
if tab_list.open:
    with tab_list:
        st.caption(t("indicators.list_hint", lang))
        for name in dict.fromkeys(view[col(lang, "category")]):
            st.subheader(name)
            st.html(ic.indicator_list_html(view[view[col(lang, "category")] == name], lang, params, selected, progress))
if tab_table.open:
    with tab_table:
        table = ic.indicator_table(view, lang, progress)
        st.dataframe(table, hide_index=True, width="stretch", column_config=ic.table_column_config(lang))
        st.caption(t("indicators.table_caption", lang))
        st.download_button(t("indicators.download_table", lang), data=ic.table_csv(table), mime="text/csv", key="indicator-table-csv",
                           file_name=f"{t('indicators.file_name', lang)}.csv", on_click="ignore", icon=":material/download:")  # fmt: skip
