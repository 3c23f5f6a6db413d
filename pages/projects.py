"""Projects: where the planned investment goes (action, program, project, department), when, which, and one in detail."""

from functools import partial

import streamlit as st

from components.projects import ui
from components.projects.table import table_column_config
from components.widgets import show_chart
from core.i18n import t
from core.routing import ensure_router
from core.state import int_param, lang_of
from views import charts
from views import projects as view

ensure_router()

lang = lang_of(st.query_params)
page = view.page(lang)
chosen = int_param(st.query_params, "project", page.nos)
url_action = int_param(st.query_params, "action", page.options["action"])
url_program = int_param(st.query_params, "program", page.options["program"])

st.title(t("projects.title", lang))
st.write(t("projects.intro", lang))
st.html(page.summary)
st.header(page.largest_title)
st.html(view.largest(lang))

# Both charts share the first tab so that the skew (amounts and shares) and the years are seen at once;
# tabs keep the table and the detail one tap away on a phone.
default = page.tabs[2] if chosen else (page.tabs[1] if url_action or url_program else None)
tab_overview, tab_table, tab_detail = st.tabs(page.tabs, default=default, key=page.tabs_key, on_change="rerun")

if tab_overview.open:  # only the open tab is drawn (a tab switch reruns the page)
    with tab_overview:
        show_chart(charts.project_investment(ui.investment_view_choice(lang), lang), lang)
        st.divider()
        show_chart(charts.project_timeline(lang), lang)
        st.html(page.long_runners)

if tab_table.open:
    with tab_table:
        filters = view.Filters(**ui.table_filters(page, lang, url_action, url_program, view.programs_in))
        table = view.filtered(lang, filters)
        st.caption(table.note)
        picked = partial(ui.open_from_table, table.nos, page.tabs_key, page.tabs[2])
        config = table_column_config(lang)
        st.dataframe(table.frame, hide_index=True, column_config=config, selection_mode="single-row", key=ui.TABLE, on_select=picked)
        st.caption(t("projects.table_hint", lang))
        ui.table_downloads(table.frame, lang)

if tab_detail.open:
    with tab_detail:
        pick = ui.project_picker(page.nos, page.labels, chosen, lang)
        if pick is None:
            st.info(t("projects.pick_info", lang))
        else:
            shown = view.detail(pick, lang)
            for note in shown.notes:
                st.html(note)
            st.html(shown.card)
            with st.expander(shown.program_title):
                st.html(shown.program_paragraph)
