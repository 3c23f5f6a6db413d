"""Projects: where the planned investment goes (action, program, project, department), when, which, and one in detail."""

from functools import partial

import streamlit as st

from components import project_charts as pc
from components.cards import cards_html, note_html
from components.exports import XLSX_MIME, sheet_name, to_csv_bytes, to_xlsx_bytes
from components.widgets import show_cached_chart
from core import data
from core.i18n import col, t
from core.routing import ensure_router
from core.state import int_param, lang_of

ensure_router()  # a direct link on a fresh server must still go through app.py

lang = lang_of(st.query_params)
projects, actions, programs = data.projects(), data.actions(), data.programs()
by_no, nos = projects.set_index("project_no", drop=False), projects["project_no"].tolist()
opts = pc.choices(projects, actions, programs, data.districts(), lang)
chosen = int_param(st.query_params, "project", nos)
url_action, url_program = int_param(st.query_params, "action", opts["action"]), int_param(st.query_params, "program", opts["program"])
TABS = f"projects-tabs-{lang}"  # tab labels differ by language, so each language keeps its own tab state


@st.cache_data(show_spinner=False, max_entries=4)
def fixed_parts(lang: str) -> tuple[str, dict[int, str]]:
    """The summary cards and the picker's labels, made once per language (they were about a third of a run)."""
    rows = data.projects()
    total = data.facts("headline").set_index("fact_id", drop=False).loc["plan_total_investment"].to_dict()
    cards = cards_html(pc.summary_cards(rows, total, lang, t("app.source_plan", lang)), t("app.quote", lang))
    return cards, {int(r["project_no"]): pc.project_option(r, lang) for r in rows.to_dict("records")}


summary_html, project_labels = fixed_parts(lang)


def _open_project(no: int | None, from_table: bool = False) -> None:
    """The chosen project goes into the URL (shareable); a row picked in the table also opens the detail tab."""
    if no is None:
        st.query_params.pop("project", None)
        return
    st.query_params["project"] = str(no)
    st.session_state["projects-pick"] = no
    if from_table:
        st.session_state[TABS] = t("projects.tab_detail", lang)


def _open_from_table(shown_nos: list[int]) -> None:
    if rows := st.session_state["projects-table"]["selection"]["rows"]:
        _open_project(shown_nos[rows[0]], from_table=True)


def _filter_to_url(name: str) -> None:
    """A single chosen action or program is kept in the URL (?action=3, ?program=15); otherwise it is dropped."""
    picked = st.session_state[f"projects-f-{name}"]
    if len(picked) == 1:
        st.query_params[name] = str(picked[0])
    else:
        st.query_params.pop(name, None)


st.title(t("projects.title", lang))
st.write(t("projects.intro", lang))
st.html(summary_html)

# Both charts share the first tab so that the skew (amounts and shares) and the years are seen at once;
# tabs keep the table and the detail one tap away on a phone.
labels = [t(f"projects.tab_{k}", lang) for k in ("overview", "table", "detail")]
default = labels[2] if chosen else (labels[1] if url_action or url_program else None)
tab_overview, tab_table, tab_detail = st.tabs(labels, default=default, key=TABS, on_change="rerun")

if tab_overview.open:  # only the open tab is drawn (a tab switch reruns the page)
    with tab_overview:
        view = st.segmented_control(t("projects.view_label", lang), pc.VIEWS, format_func=lambda v: t(f"projects.view_{v}", lang),
                                    default="action", required=True, key="projects-view", persist_state="page") or "action"  # fmt: skip
        show_cached_chart("projects-investment", (lang, view), f"ordos-investment-by-{view}", lang, pc.investment_view, view, projects,
                          programs, actions, lang)  # fmt: skip
        st.divider()
        show_cached_chart("projects-timeline", (lang,), "ordos-project-timeline", lang, pc.timeline_view, projects, actions, lang)
        st.html(note_html(pc.long_runner_note(projects, lang)))

if tab_table.open:
    with tab_table:
        text = st.text_input(
            t("projects.search", lang), key="projects-search", persist_state="page", placeholder=t("projects.search_hint", lang)
        )
        anything = t("projects.any", lang)
        with st.expander(t("projects.more_filters", lang), expanded=bool(url_action or url_program)):
            pick_actions = st.multiselect(t("projects.col_action", lang), list(opts["action"]), [url_action] if url_action else None,
                                          opts["action"].get, key="projects-f-action", persist_state="page", on_change=_filter_to_url,
                                          args=("action",), placeholder=anything)  # fmt: skip
            in_scope = pc.programs_of(programs, pick_actions)
            pick_programs = st.multiselect(t("projects.col_program", lang), in_scope, [url_program] if url_program in in_scope else None,
                                           opts["program"].get, key="projects-f-program", persist_state="page", on_change=_filter_to_url,
                                           args=("program",), placeholder=anything)  # fmt: skip
            district = st.selectbox(t("projects.district", lang), list(opts["district"]), index=None, format_func=opts["district"].get,
                                    key="projects-f-district", persist_state="page",
                                    placeholder=t("projects.all_districts", lang))  # fmt: skip
            citywide = st.checkbox(t("projects.include_citywide", lang), value=True, key="projects-f-citywide", persist_state="page")
            st.caption(pc.district_filter_note(projects, lang))
            depts = st.multiselect(t("projects.col_dept", lang), list(opts["dept"]), format_func=opts["dept"].get, key="projects-f-dept",
                                   persist_state="page", placeholder=anything)  # fmt: skip
            first, last = int(projects["start_year"].min()), int(projects["end_year"].max())
            years = st.slider(t("projects.years", lang), first, last, (first, last), key="projects-f-years", persist_state="page",
                              help=t("projects.years_help", lang))  # fmt: skip
        shown = pc.filter_projects(projects, text=text, actions=pick_actions, programs=pick_programs, district=district,
                                   include_citywide=citywide, departments=depts, years=years)  # fmt: skip
        table = pc.table_frame(shown, lang)
        st.caption(pc.shown_note(shown, projects, lang))
        st.dataframe(table, hide_index=True, column_config=pc.table_column_config(lang), selection_mode="single-row", key="projects-table",
                     on_select=partial(_open_from_table, shown["project_no"].tolist()))  # fmt: skip
        st.caption(t("projects.table_hint", lang))
        with st.container(horizontal=True, gap="small", key="projects-table-downloads"):
            st.download_button(t("projects.download_csv", lang), to_csv_bytes(table), "ordos-key-projects.csv", "text/csv",
                               key="projects-csv", on_click="ignore", icon=":material/table:")  # fmt: skip
            xlsx = partial(to_xlsx_bytes, table, sheet_name("重点项目", "Key projects"))  # made only when clicked
            st.download_button(t("projects.download_xlsx", lang), xlsx, "ordos-key-projects.xlsx", XLSX_MIME, key="projects-xlsx",
                               on_click="ignore", icon=":material/grid_on:")  # fmt: skip

if tab_detail.open:
    with tab_detail:
        if chosen is not None and st.session_state.get("projects-pick") != chosen:
            st.session_state["projects-pick"] = chosen  # the URL wins: a shared or deep link shows its project
        pick = st.selectbox(t("projects.pick", lang), nos, index=None, format_func=project_labels.get,
                            key="projects-pick", persist_state="page", placeholder=t("projects.pick_hint", lang),
                            on_change=lambda: _open_project(st.session_state["projects-pick"]))  # fmt: skip
        if pick is None:
            st.info(t("projects.pick_info", lang))
        else:
            project = by_no.loc[pick].to_dict()
            for note in data.notes_for(f"project:{pick}")[col(lang, "note")]:
                st.html(pc.data_note_html(t("projects.data_note", lang, note=note)))
            st.html(pc.detail_html(project, data.project_places(pick), lang, opts["district"]))
            program = programs.set_index("program_no").loc[project["program_no"]]
            with st.expander(t("projects.program_paragraph", lang, no=project["program_no"], name=program[col(lang, "name")])):
                st.html(pc.paragraph_html(program[col(lang, "body")]))
