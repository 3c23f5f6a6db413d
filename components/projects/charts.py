"""Where the planned investment goes: ranked bars by key action, key program, project and lead department.

Pure: (DataFrame, lang, ...) -> alt.Chart; no st.* here. Bars carry their amount and share of the total as
text, because the investments span from 0.1 to 406 亿元 and the small ones would otherwise be invisible.
The timeline (components.projects.timeline) shares this module's title lines, colours and row height.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.projects.labels import action_names, row_label
from components.projects.summary import skew_sentence, skew_summary
from components.theme import MUTED, action_scale
from core import fmt
from core.i18n import col, t

STEP = 40  # pixels per row: the name line above, the bar below
EXPORT_WIDTH = 760  # width of the PNG/SVG downloads; on the page the chart takes the container's width
VIEWS = ("action", "program", "project", "dept")


def plot_amount(value_yi: pd.Series, lang: str) -> pd.Series:
    """The amounts as drawn: the axis speaks the same unit as the labels (亿元 in Chinese, CNY billion in English)."""
    return value_yi / 10 if lang == "en" else value_yi


def title_lines(key: str, lang: str) -> list[str]:
    """A chart's subtitle or source text as its lines: Vega titles do not wrap, so the texts come in short
    lines that fit a 390 px phone."""
    return t(f"projects.{key}", lang).split("\n")


def action_colour(lang: str, names: dict[int, str]) -> alt.Color:
    """Colour by key action (always in action order), with its legend."""
    return alt.Color(
        "action:N",
        scale=action_scale(names),
        legend=alt.Legend(title=t("projects.legend_action", lang), columns=1, labelLimit=alt.ExprRef("max(200, width - 30)")),
    )


def _title(key: str, lang: str) -> alt.TitleParams:
    return alt.TitleParams(
        t(f"projects.{key}_title", lang),
        subtitle=title_lines("chart_subtitle", lang) + title_lines("chart_source", lang),
        limit=alt.ExprRef("width"),
        subtitleFontSize=12,
    )


def _ranked(rows: pd.DataFrame, bars: pd.DataFrame, lang: str, key: str, description: str, colour: alt.Color) -> alt.LayerChart:
    """Rows (key, label, plot, text) sorted largest first: a name line above each bar, amount · share after it.

    `bars` holds the bar segments (key, plot, action); one per row, or several per row for a stacked bar.
    The x scale starts at zero and ends with room for the labels, so bar lengths stay proportional.
    """
    order = rows["key"].tolist()
    top = float(rows["plot"].max()) or 1.0
    y = alt.Y("key:N", sort=order, axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0.3))
    # keep room right of the longest bar for its label, whatever the width (390 px phone or wide screen)
    room = 185 if lang == "en" else 135
    x_scale = alt.Scale(domainMin=0, domainMax=alt.ExprRef(f"{top} / max(0.35, 1 - {room} / width)"), nice=False)
    x_axis = alt.Axis(title=t("projects.axis_amount", lang), tickCount=4, format=",~f")
    x = alt.X("plot:Q", scale=x_scale, axis=x_axis, stack="zero")
    tooltip_bar = [
        alt.Tooltip("label:N", title=t("projects.col_name", lang)),
        alt.Tooltip("text:N", title=t("projects.tip_investment", lang)),
    ]
    bar_data = bars.merge(rows[["key", "label", "text"]], on="key")
    bar = alt.Chart(bar_data).mark_bar(size=14, yOffset=8, cornerRadiusEnd=2).encode(y=y, x=x, color=colour, tooltip=tooltip_bar)
    base = alt.Chart(rows).encode(y=y)
    name = base.mark_text(align="left", baseline="bottom", yOffset=-1, fontSize=13, limit=alt.ExprRef("width")).encode(
        x=alt.datum(0, scale=x_scale), text="label:N"
    )
    value = base.mark_text(align="left", baseline="middle", yOffset=8, dx=4, fontSize=12, color=MUTED).encode(
        x=alt.X("plot:Q", scale=x_scale), text="text:N"
    )
    return (
        alt.layer(bar, name, value)
        .properties(title=_title(key, lang), height=alt.Step(STEP), width=EXPORT_WIDTH, description=description)
        .configure_legend(orient="top", direction="vertical")
    )


def _rows(frame: pd.DataFrame, key: pd.Series, label: pd.Series, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": key.astype(str).to_numpy(),
            "label": label.to_numpy(),
            "plot": plot_amount(frame["investment_yi"], lang).to_numpy(),
            "text": [fmt.amount_share(v, s, lang) for v, s in zip(frame["investment_yi"], frame["share"], strict=True)],
        }
    )


def _largest(key: str, row, name: str, lang: str) -> str:
    """The chart's description, naming its largest bar."""
    return t(f"projects.{key}_desc", lang, name=name, text=fmt.amount_share(row["investment_yi"], row["share"], lang))


def action_investment_chart(actions: pd.DataFrame, lang: str) -> alt.LayerChart:
    """The five key actions' planned investment, largest first, with amount and share labels."""
    ranked = actions.sort_values(["investment_yi", "action_no"], ascending=[False, True])
    names = action_names(lang, actions)
    rows = _rows(ranked, ranked["action_no"], ranked[col(lang, "name")], lang)
    bars = rows[["key", "plot"]].assign(action=[names[int(n)] for n in ranked["action_no"]])
    top = ranked.iloc[0]
    colour = action_colour(lang, names)
    colour.legend = None  # each row is named by its action: a legend would only repeat the names
    return _ranked(rows, bars, lang, "by_action", _largest("by_action", top, top[col(lang, "name")], lang), colour)


def program_investment_chart(programs: pd.DataFrame, actions: pd.DataFrame, lang: str) -> alt.LayerChart:
    """The 24 key programs' planned investment, largest first, coloured by key action."""
    ranked = programs.sort_values(["investment_yi", "program_no"], ascending=[False, True])
    names = action_names(lang, actions)
    labels = [row_label(n, name) for n, name in zip(ranked["program_no"], ranked[col(lang, "name")], strict=True)]
    rows = _rows(ranked, ranked["program_no"], pd.Series(labels), lang)
    bars = rows[["key", "plot"]].assign(action=[names[int(n)] for n in ranked["action_no"]])
    top = ranked.iloc[0]
    return _ranked(rows, bars, lang, "by_program", _largest("by_program", top, top[col(lang, "name")], lang), action_colour(lang, names))


def project_investment_chart(projects: pd.DataFrame, actions: pd.DataFrame, lang: str) -> alt.LayerChart:
    """All 39 key projects, largest first, coloured by key action: the skew made visible."""
    ranked = projects.sort_values(["investment_yi", "project_no"], ascending=[False, True])
    names = action_names(lang, actions)
    labels = [row_label(n, name) for n, name in zip(ranked["project_no"], ranked[col(lang, "name")], strict=True)]
    rows = _rows(ranked, ranked["project_no"], pd.Series(labels), lang)
    bars = rows[["key", "plot"]].assign(action=[names[int(n)] for n in ranked["action_no"]])
    description = t("projects.by_project_desc", lang) + " " + skew_sentence(skew_summary(projects), lang)
    return _ranked(rows, bars, lang, "by_project", description, action_colour(lang, names))


def _dept_column(lang: str) -> str:
    return col(lang, "lead_dept") if lang == "en" else "lead_dept_norm_zh"


def department_totals(projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Planned investment per lead department (in the page's language), largest first."""
    dept = _dept_column(lang)
    return (
        projects.groupby(dept, as_index=False)
        .agg(projects=("project_no", "count"), investment_yi=("investment_yi", "sum"), share=("share", "sum"))
        .rename(columns={dept: "department"})
        .sort_values(["investment_yi", "department"], ascending=[False, True], ignore_index=True)
    )


def department_investment_chart(projects: pd.DataFrame, actions: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Planned investment by lead department, largest first; each bar split by key action."""
    dept = _dept_column(lang)
    totals = department_totals(projects, lang)
    names = action_names(lang, actions)
    labels = [t("projects.dept_label", lang, dept=d, n=n) for d, n in zip(totals["department"], totals["projects"], strict=True)]
    rows = _rows(totals, totals["department"], pd.Series(labels), lang)
    parts = projects.groupby([dept, "action_no"], as_index=False)["investment_yi"].sum()
    bars = pd.DataFrame(
        {
            "key": parts[dept].astype(str),
            "plot": plot_amount(parts["investment_yi"], lang),
            "action": [names[int(n)] for n in parts["action_no"]],
        }
    )
    top = totals.iloc[0]
    return _ranked(rows, bars, lang, "by_dept", _largest("by_dept", top, top["department"], lang), action_colour(lang, names))


def investment_view(view: str, projects: pd.DataFrame, programs: pd.DataFrame, actions: pd.DataFrame, lang: str):
    """The chart of one investment view ('action', 'program', 'project', 'dept') and the data behind it."""
    if view == "program":
        chart = program_investment_chart(programs, actions, lang)
        frame = programs[["program_no", "action_no", "name_zh", "name_en", "projects", "investment_yi", "share"]]
    elif view == "project":
        chart = project_investment_chart(projects, actions, lang)
        frame = projects[["project_no", "program_no", "action_no", "name_zh", "name_en", "investment_yi", "share"]]
    elif view == "dept":
        chart, frame = department_investment_chart(projects, actions, lang), department_totals(projects, lang)
    else:
        chart = action_investment_chart(actions, lang)
        frame = actions[["action_no", "name_zh", "name_en", "projects", "investment_yi", "share"]]
    return chart, frame.sort_values("investment_yi", ascending=False, kind="stable")
