"""The projects page: the summary cards, the filters' options and notes, the filtered table, one project in detail."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from components.cards import cards_html, note_html
from components.projects import summary, table, timeline
from components.projects.detail import data_note_html, detail_html, paragraph_html
from components.projects.labels import project_option
from components.render import macro
from core import data, fmt, memo, pages
from core.i18n import col, t

TABS = ("overview", "table", "detail")


@dataclass(frozen=True)
class Page:
    """What every view of the page shows, for one language."""

    summary: Markup  # the plan's total and the skew as cards
    largest_title: str
    tabs: tuple[str, ...]  # the tabs' labels (overview, table, detail)
    tabs_key: str  # tab labels differ by language, so each language keeps its own tab state
    nos: tuple[int, ...]  # every project's number
    labels: dict[int, str]  # how each project reads in the picker
    options: dict[str, dict]  # the table filters' options, value -> label (components.projects.table.choices)
    long_runners: Markup  # the note under the timeline
    district_note: str  # how the district filter counts
    years: tuple[int, int]  # the first and last year any project runs


@dataclass(frozen=True)
class Filters:
    """The table's filters as chosen (hashable: the filtered table is made once per choice)."""

    text: str = ""
    actions: tuple[int, ...] = ()
    programs: tuple[int, ...] = ()
    district: str | None = None
    citywide: bool = True
    depts: tuple[str, ...] = ()
    years: tuple[int, int] | None = None


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame  # shown and downloaded as it is: read-only by convention
    nos: tuple[int, ...]  # the project of each row
    note: str  # 'n of 39 projects shown · amount · share'


@dataclass(frozen=True)
class Detail:
    notes: tuple[Markup, ...]  # the data notes on the project
    card: Markup
    program_title: str  # the expander with the program's paragraph
    program_paragraph: Markup


@memo.per_process
def page(lang: str) -> Page:
    projects, actions, programs = data.projects(), data.actions(), data.programs()
    total = data.facts("headline").set_index("fact_id", drop=False).loc["plan_total_investment"].to_dict()
    return Page(
        summary=cards_html(summary.summary_cards(projects, total, lang, t("app.source_plan", lang)), t("app.quote", lang)),
        largest_title=t("projects.largest_title", lang, n=len(summary.largest(projects, lang)), big=fmt.amount(summary.BIG_YI, lang)),
        tabs=tuple(t(f"projects.tab_{key}", lang) for key in TABS),
        tabs_key=f"projects-tabs-{lang}",
        nos=tuple(projects["project_no"].tolist()),
        labels={int(row["project_no"]): project_option(row, lang) for row in projects.to_dict("records")},
        options=table.choices(projects, actions, programs, data.districts(), lang),
        long_runners=note_html(timeline.long_runner_note(projects, lang)),
        district_note=table.district_filter_note(projects, lang),
        years=(int(projects["start_year"].min()), int(projects["end_year"].max())),
    )


@memo.per_process(maxsize=8)
def largest(lang: str, addresses: pages.Addresses = pages.APP) -> Markup:
    """The largest projects with their amounts, as text, each a link to its detail (as `addresses` writes links)."""
    return macro("projects/detail.html", "largest")(summary.largest(data.projects(), lang, addresses))


@memo.per_process
def programs_in(actions: tuple[int, ...]) -> tuple[int, ...]:
    """The programs under the chosen actions (all programs when none is chosen)."""
    return tuple(table.programs_of(data.programs(), list(actions)))


@memo.per_process(maxsize=64)
def filtered(lang: str, filters: Filters) -> Table:
    projects = data.projects()
    shown = table.filter_projects(
        projects,
        text=filters.text,
        actions=list(filters.actions),
        programs=list(filters.programs),
        district=filters.district,
        include_citywide=filters.citywide,
        departments=list(filters.depts),
        years=filters.years,
    )
    return Table(table.table_frame(shown, lang), tuple(shown["project_no"].tolist()), table.shown_note(shown, projects, lang))


@memo.per_process(maxsize=128)
def detail(no: int, lang: str) -> Detail:
    project = data.projects().set_index("project_no", drop=False).loc[no].to_dict()
    program = data.programs().set_index("program_no").loc[project["program_no"]]
    notes = data.notes_for(f"project:{no}")[col(lang, "note")]
    return Detail(
        notes=tuple(data_note_html(t("projects.data_note", lang, note=note)) for note in notes),
        card=detail_html(project, data.project_places(no), lang, page(lang).options["district"]),
        program_title=t("projects.program_paragraph", lang, no=project["program_no"], name=program[col(lang, "name")]),
        program_paragraph=paragraph_html(program[col(lang, "body")]),
    )
