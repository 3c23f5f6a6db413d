"""Projects: where the planned investment goes (action, program, project, department), when, which, and one in detail."""

import streamlit as st

from components import project_charts as pc
from components.cards import Card, cards_html, note_html
from components.exports import sheet_name, to_csv_bytes, to_xlsx_bytes
from components.figures import fact_cards
from components.widgets import show_chart
from core import data, fmt
from core.i18n import col, t
from core.state import int_param, lang_of

lang = lang_of(st.query_params)
projects, actions, programs, districts = data.projects(), data.actions(), data.programs(), data.districts()
by_no, nos = projects.set_index("project_no", drop=False), projects["project_no"].tolist()
chosen = int_param(st.query_params, "project", nos)
url_action = int_param(st.query_params, "action", actions["action_no"].tolist())
url_program = int_param(st.query_params, "program", programs["program_no"].tolist())
skew = pc.skew_summary(projects)


def _open_project(no: int | None) -> None:
    """Keep the chosen project in the URL (shareable) and show it in the detail tab."""
    if no is not None:
        st.query_params["project"] = str(no)
        st.session_state["projects-pick"] = no
        st.session_state[f"projects-tabs-{lang}"] = t("projects.tab_detail", lang)


def _open_from_table(shown_nos: list[int]) -> None:
    rows = st.session_state["projects-table"]["selection"]["rows"]
    _open_project(shown_nos[rows[0]] if rows else None)


st.title(t("projects.title", lang))
st.write(t("projects.intro", lang))
total = fact_cards(data.facts("headline").query("fact_id == 'plan_total_investment'"), lang, {"plan": t("app.source_plan", lang)})
big = Card(
    fmt.percent(skew["big_share"], lang),
    t("projects.card_big", lang, n=skew["big_n"], big=pc.amount(pc.BIG_YI, lang)),
    accent="#E69F00",
)
small = Card(
    pc.share_text(skew["small_share"], lang),
    t("projects.card_small", lang, n=skew["small_n"], small=pc.amount(pc.SMALL_YI, lang)),
)
st.html(cards_html([*total, big, small], t("app.quote", lang)))
st.html(note_html(pc.skew_sentence(skew, lang)))

labels = [t(f"projects.tab_{k}", lang) for k in ("investment", "timeline", "table", "detail")]
default = labels[3] if chosen else (labels[2] if url_action or url_program else None)
tab_invest, tab_time, tab_table, tab_detail = st.tabs(labels, default=default, key=f"projects-tabs-{lang}", on_change="rerun")

with tab_invest:
    views = ("action", "program", "project", "dept")
    view = (
        st.segmented_control(
            t("projects.view_label", lang),
            views,
            format_func=lambda v: t(f"projects.view_{v}", lang),
            default="action",
            required=True,
            key="projects-view",
        )
        or "action"
    )
    chart, frame = pc.investment_view(view, projects, programs, actions, lang)
    show_chart(chart, frame, f"ordos-investment-by-{view}", lang, chart.description, key="projects-investment")

with tab_time:
    show_chart(
        pc.timeline_chart(projects, actions, lang),
        pc.timeline_frame(projects, actions, lang),
        "ordos-project-timeline",
        lang,
        pc.timeline_chart(projects, actions, lang).description,
        key="projects-timeline",
    )
    st.html(note_html(pc.long_runner_note(projects, lang)))

with tab_table:
    text = st.text_input(t("projects.search", lang), key="projects-search", placeholder=t("projects.search_hint", lang))
    with st.expander(t("projects.more_filters", lang), expanded=bool(url_action or url_program)):
        sel_actions = st.multiselect(
            t("projects.col_action", lang),
            actions["action_no"].tolist(),
            default=[url_action] if url_action else None,
            format_func=lambda n: pc.option_label(actions, "action_no", n, lang),
            key="projects-f-action",
        )
        program_opts = programs[programs["action_no"].isin(sel_actions or actions["action_no"])]["program_no"].tolist()
        sel_programs = st.multiselect(
            t("projects.col_program", lang),
            program_opts,
            default=[url_program] if url_program in program_opts else None,
            format_func=lambda n: pc.option_label(programs, "program_no", n, lang),
            key="projects-f-program",
        )
        district = st.selectbox(
            t("projects.district", lang),
            districts["district_code"].tolist(),
            index=None,
            key="projects-f-district",
            format_func=lambda c: districts.set_index("district_code").loc[c, col(lang, "name")],
            placeholder=t("projects.all_districts", lang),
        )
        citywide = st.checkbox(t("projects.include_citywide", lang), value=True, key="projects-f-citywide")
        st.caption(pc.district_filter_note(projects, lang))
        depts = st.multiselect(
            t("projects.col_dept", lang),
            sorted(projects["lead_dept_en"].unique()),
            key="projects-f-dept",
            format_func=lambda d: pc.dept_name(projects, d, lang),
        )
        first, last = int(projects["start_year"].min()), int(projects["end_year"].max())
        years = st.slider(
            t("projects.years", lang), first, last, (first, last), key="projects-f-years", help=t("projects.years_help", lang)
        )
    shown = pc.filter_projects(
        projects,
        text=text,
        actions=sel_actions,
        programs=sel_programs,
        district=district,
        include_citywide=citywide,
        departments=depts,
        years=years,
    )
    table = pc.table_frame(shown, lang)
    st.caption(pc.shown_note(shown, projects, lang))
    st.dataframe(
        table,
        hide_index=True,
        column_config=pc.table_column_config(lang),
        on_select=_open_from_table,
        args=(shown["project_no"].tolist(),),
        selection_mode="single-row",
        key="projects-table",
    )
    st.caption(t("projects.table_hint", lang))
    with st.container(horizontal=True, gap="small", key="projects-table-downloads"):
        st.download_button(
            t("projects.download_csv", lang),
            data=to_csv_bytes(table),
            file_name="ordos-key-projects.csv",
            mime="text/csv",
            key="projects-csv",
            on_click="ignore",
            icon=":material/table:",
        )
        st.download_button(
            t("projects.download_xlsx", lang),
            data=lambda: to_xlsx_bytes(table, sheet_name("重点项目", "Key projects")),
            file_name="ordos-key-projects.xlsx",
            key="projects-xlsx",
            on_click="ignore",
            icon=":material/grid_on:",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )

with tab_detail:
    if chosen is not None and st.session_state.get("projects-pick") != chosen:
        st.session_state["projects-pick"] = chosen
    pick = st.selectbox(
        t("projects.pick", lang),
        nos,
        index=None,
        key="projects-pick",
        placeholder=t("projects.pick_hint", lang),
        format_func=lambda n: pc.project_option(by_no.loc[n], lang),
        on_change=lambda: _open_project(st.session_state["projects-pick"]),
    )
    if pick is None:
        st.info(t("projects.pick_info", lang))
    else:
        project = by_no.loc[pick].to_dict()
        for note in data.notes_for(f"project:{pick}")[col(lang, "note")]:
            st.html(note_html(t("projects.data_note", lang, note=note)))
        st.html(pc.detail_html(project, data.project_places(pick), lang))
        program = programs.set_index("program_no").loc[project["program_no"]]
        with st.expander(t("projects.program_paragraph", lang, no=project["program_no"], name=program[col(lang, "name")])):
            st.html(pc.paragraph_html(program[col(lang, "body")]))
