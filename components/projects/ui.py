"""The projects page's widgets: the table's search box and filters, its downloads, the project picker, and a
row picked in the table opening that project's detail. This module calls st.* (it places widgets); what
they show comes from views.projects."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from components.exports import XLSX_MIME, sheet_name, to_csv_bytes, to_xlsx_bytes
from components.projects.charts import VIEWS
from core.i18n import t
from core.state import sync_single_to_url, sync_to_url

PICK, TABLE = "projects-pick", "projects-table"


def open_from_table(shown_nos: tuple[int, ...], tabs_key: str, detail_tab: str) -> None:
    """Table callback: the project of the picked row goes into the URL (shareable) and opens the detail tab."""
    if rows := st.session_state[TABLE]["selection"]["rows"]:
        no = shown_nos[rows[0]]
        st.query_params["project"] = str(no)
        st.session_state[PICK] = no
        st.session_state[tabs_key] = detail_tab


def table_filters(page, lang: str, url_action: int | None, url_program: int | None, programs_in: Callable) -> dict:
    """The search box and the filters (a single action or program from the URL preselected), as the keyword
    arguments of views.projects.Filters. `page` is the page's view (views.projects.Page: the options, the
    district note, the years); `programs_in(actions)` gives the programs that a choice of actions allows."""
    options = page.options
    text = st.text_input(
        t("projects.search", lang), key="projects-search", persist_state="page", placeholder=t("projects.search_hint", lang)
    )
    anything = t("projects.any", lang)
    with st.expander(t("projects.more_filters", lang), expanded=bool(url_action or url_program)):
        actions = st.multiselect(
            t("projects.col_action", lang),
            list(options["action"]),
            [url_action] if url_action else None,
            options["action"].get,
            key="projects-f-action",
            persist_state="page",
            on_change=sync_single_to_url,
            args=("projects-f-action", "action"),
            placeholder=anything,
        )
        in_scope = list(programs_in(tuple(actions)))
        programs = st.multiselect(
            t("projects.col_program", lang),
            in_scope,
            [url_program] if url_program in in_scope else None,
            options["program"].get,
            key="projects-f-program",
            persist_state="page",
            on_change=sync_single_to_url,
            args=("projects-f-program", "program"),
            placeholder=anything,
        )
        district = st.selectbox(
            t("projects.district", lang),
            list(options["district"]),
            index=None,
            format_func=options["district"].get,
            key="projects-f-district",
            persist_state="page",
            placeholder=t("projects.all_districts", lang),
        )
        citywide = st.checkbox(t("projects.include_citywide", lang), value=True, key="projects-f-citywide", persist_state="page")
        st.caption(page.district_note)
        depts = st.multiselect(
            t("projects.col_dept", lang),
            list(options["dept"]),
            format_func=options["dept"].get,
            key="projects-f-dept",
            persist_state="page",
            placeholder=anything,
        )
        first, last = page.years
        chosen_years = st.slider(
            t("projects.years", lang),
            first,
            last,
            (first, last),
            key="projects-f-years",
            persist_state="page",
            help=t("projects.years_help", lang),
        )
    return {
        "text": text or "",
        "actions": tuple(actions),
        "programs": tuple(programs),
        "district": district,
        "citywide": citywide,
        "depts": tuple(depts),
        "years": tuple(chosen_years),
    }


def table_downloads(frame: pd.DataFrame, lang: str) -> None:
    """The table as CSV and Excel (the workbook made only when clicked)."""
    with st.container(horizontal=True, gap="small", key="projects-table-downloads"):
        st.download_button(
            t("projects.download_csv", lang),
            to_csv_bytes(frame),
            "ordos-key-projects.csv",
            "text/csv",
            key="projects-csv",
            on_click="ignore",
            icon=":material/table:",
        )
        xlsx = partial(to_xlsx_bytes, frame, sheet_name("重点项目", "Key projects"))
        st.download_button(
            t("projects.download_xlsx", lang),
            xlsx,
            "ordos-key-projects.xlsx",
            XLSX_MIME,
            key="projects-xlsx",
            on_click="ignore",
            icon=":material/grid_on:",
        )


def project_picker(nos: tuple[int, ...], labels: dict[int, str], chosen: int | None, lang: str) -> int | None:
    """The project picker; the URL wins (a shared or deep link shows its project), a choice is written back to it."""
    if chosen is not None and st.session_state.get(PICK) != chosen:
        st.session_state[PICK] = chosen
    return st.selectbox(
        t("projects.pick", lang),
        list(nos),
        index=None,
        format_func=labels.get,
        key=PICK,
        persist_state="page",
        placeholder=t("projects.pick_hint", lang),
        on_change=sync_to_url,
        args=(PICK, "project"),
    )


def investment_view_choice(lang: str) -> str:
    """Which investment chart is shown: by key action (the default), key program, project or lead department."""
    choice = st.segmented_control(
        t("projects.view_label", lang),
        VIEWS,
        format_func=lambda v: t(f"projects.view_{v}", lang),
        default="action",
        required=True,
        key="projects-view",
        persist_state="page",
    )
    return choice or "action"
