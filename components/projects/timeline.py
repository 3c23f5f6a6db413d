"""When the projects run: one bar per project from its start year to the end of its end year, grouped by key
action, and the note on the projects that run past 2025. Pure: (DataFrame, lang) -> chart or text; no st.*."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.projects.charts import EXPORT_WIDTH, STEP, action_colour, title_lines
from components.projects.labels import action_names, row_label
from components.theme import MUTED
from core import fmt
from core.i18n import col, t


def timeline_frame(projects: pd.DataFrame, actions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per project, sorted by action then start year; bars run to the end of the end year."""
    names = action_names(lang, actions)
    ordered = projects.sort_values(["action_no", "start_year", "end_year", "project_no"], ignore_index=True)
    return pd.DataFrame(
        {
            "project_no": ordered["project_no"],
            "label": [row_label(n, name) for n, name in zip(ordered["project_no"], ordered[col(lang, "name")], strict=True)],
            "action": [names[int(n)] for n in ordered["action_no"]],
            "start_year": ordered["start_year"],
            "end_year": ordered["end_year"],
            "bar_end": ordered["end_year"] + 1,
            "years": [f"{s}–{e}" for s, e in zip(ordered["start_year"], ordered["end_year"], strict=True)],
            "investment": [fmt.amount(v, lang) for v in ordered["investment_yi"]],
        }
    )


def timeline_view(projects: pd.DataFrame, actions: pd.DataFrame, lang: str) -> tuple[alt.LayerChart, pd.DataFrame]:
    """The timeline chart and the data behind it (its description is the chart's own)."""
    return timeline_chart(projects, actions, lang), timeline_frame(projects, actions, lang)


def timeline_chart(projects: pd.DataFrame, actions: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Start and end year of every project (end year inclusive), coloured and grouped by key action."""
    frame = timeline_frame(projects, actions, lang)
    first, last = int(frame["start_year"].min()), int(frame["bar_end"].max())
    scale = alt.Scale(domain=[first, last + 4], nice=False)  # room after the longest bar for its years label
    ticks = sorted({first, 2025, *range(2030, last + 1, 5)})  # year boundaries that bars start or end at; no empty 2040
    y = alt.Y("label:N", sort=frame["label"].tolist(), axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0.3))
    axis = alt.Axis(title=t("projects.axis_year", lang), format="d", values=ticks)
    tooltip = [
        alt.Tooltip("label:N", title=t("projects.col_name", lang)),
        alt.Tooltip("years:N", title=t("projects.col_years", lang)),
        alt.Tooltip("investment:N", title=t("projects.tip_investment", lang)),
    ]
    base = alt.Chart(frame).encode(y=y)
    bar = base.mark_bar(size=12, yOffset=7, cornerRadius=2).encode(
        x=alt.X("start_year:Q", scale=scale, axis=axis),
        x2="bar_end:Q",
        color=action_colour(lang, action_names(lang, actions)),
        tooltip=tooltip,
    )
    name = base.mark_text(align="left", baseline="bottom", yOffset=-1, fontSize=13, limit=alt.ExprRef("width")).encode(
        x=alt.datum(first, scale=scale), text="label:N"
    )
    years = base.mark_text(align="left", baseline="middle", yOffset=7, dx=4, fontSize=12, color=MUTED).encode(
        x=alt.X("bar_end:Q", scale=scale), text="years:N"
    )
    mark_2025 = (
        alt.Chart(pd.DataFrame({"year": [2025]}))
        .mark_rule(strokeDash=[4, 3], color=MUTED, opacity=0.45)
        .encode(x=alt.X("year:Q", scale=scale))
    )
    description = t("projects.timeline_desc", lang, first=first, last=last - 1)
    return (
        alt.layer(mark_2025, bar, name, years)
        .properties(
            title=alt.TitleParams(
                t("projects.timeline_title", lang),
                subtitle=title_lines("timeline_subtitle", lang) + title_lines("chart_source", lang),
                limit=alt.ExprRef("width"),
                subtitleFontSize=12,
            ),
            height=alt.Step(STEP - 6),
            width=EXPORT_WIDTH,
            description=description,
        )
        .configure_legend(orient="top", direction="vertical")
    )


def long_runner_note(projects: pd.DataFrame, lang: str) -> str:
    """Which projects run past 2025, whose amounts cover only the spending planned before 2025."""
    late = projects[projects["end_year"] > 2025].sort_values("project_no")
    items = [t("projects.runs_to", lang, no=n, end=e) for n, e in zip(late["project_no"], late["end_year"], strict=True)]
    return t("projects.long_runners", lang, items=t("projects.list_sep", lang).join(items), n=len(items))
