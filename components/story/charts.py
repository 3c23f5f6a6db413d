"""The story's two charts: Jungar Banner's green mines by level, and the key projects whose location names it.

Pure builders, `(data, lang, source) -> chart`: no st.* here. The chart data of the projects
(`district_projects_data`) also feeds the story's project lists (components.story.links).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.theme import ACTION_COLORS, GRID, INK, JUNGAR, JUNGAR_TINT, WHITE
from core import fmt
from core.i18n import col, t
from core.text import wrap_lines

# Vega titles do not wrap: lines are cut to fit a phone (about 350 px; a CJK character counts as two units).
TITLE_UNITS, SUBTITLE_UNITS = 40, 52
# A fixed width for PNG/SVG exports; in the page Streamlit stretches it to the container (fit-x keeps heights).
EXPORT_WIDTH = 640
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")


def _title(text: str, source: str) -> alt.TitleParams:
    return alt.TitleParams(wrap_lines(text, TITLE_UNITS), subtitle=wrap_lines(source, SUBTITLE_UNITS))


# --- Green mines ------------------------------------------------------------------------------------------


def green_mines_data(facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The two levels of Jungar Banner's green mines, as parts of the stated total (from the facts table).

    The regional level takes Jungar's tint, so the two levels read as parts of one Jungar whole.
    """
    values = facts.set_index("fact_id")["value"]
    rows = [
        ("national", t("zhungeer.level_national", lang), values["jungar_green_mines_national"], JUNGAR, WHITE),
        ("regional", t("zhungeer.level_regional", lang), values["jungar_green_mines_regional"], JUNGAR_TINT, INK),
    ]
    df = pd.DataFrame(rows, columns=["level_id", "level", "mines", "color", "text_color"])
    df["start"] = df["mines"].cumsum() - df["mines"]
    df["end"] = df["start"] + df["mines"]
    df["middle"] = df["start"] + df["mines"] / 2
    df["label"] = [f"{level} {fmt.number(n, lang)}" for level, n in zip(df["level"], df["mines"], strict=True)]
    df["total"] = values["jungar_green_mines"]
    return df


def green_mines_view(facts: pd.DataFrame, lang: str, source: str) -> tuple[alt.LayerChart, pd.DataFrame]:
    """The green-mines chart and the data behind it (level and count; its description is the chart's own)."""
    return green_mines_chart(facts, lang, source), green_mines_data(facts, lang)[["level", "mines"]]


def green_mines_chart(facts: pd.DataFrame, lang: str, source: str) -> alt.LayerChart:
    """One bar of the stated total of green mines, split into national and autonomous-region level."""
    df = green_mines_data(facts, lang)
    total = float(df["total"].iloc[0])
    title = t("zhungeer.chart_mines_title", lang, total=fmt.number(total, lang))
    x = alt.X(
        "start:Q",
        title=t("zhungeer.chart_mines_x", lang),
        scale=alt.Scale(domain=[0, total], nice=False),
        axis=alt.Axis(values=[0, *df["start"].iloc[1:].tolist(), total], format="d", grid=False),
    )
    base = alt.Chart(df)
    bars = base.mark_bar(height=44, cornerRadiusEnd=0).encode(
        x=x,
        x2="end:Q",
        color=alt.Color(
            "level:N",
            scale=alt.Scale(domain=df["level"].tolist(), range=df["color"].tolist()),
            legend=alt.Legend(title=None, orient="bottom", columns=1),
        ),
        tooltip=[
            alt.Tooltip("level:N", title=t("zhungeer.chart_mines_level", lang)),
            alt.Tooltip("mines:Q", title=t("zhungeer.chart_mines_x", lang)),
        ],
    )
    labels = base.mark_text(fontSize=14, fontWeight=600).encode(
        x="middle:Q", text=alt.Text("mines:Q", format="d"), color=alt.Color("text_color:N", scale=None)
    )
    return (
        alt.layer(bars, labels)
        .properties(
            width=EXPORT_WIDTH,
            height=44,
            autosize=AUTOSIZE,
            title=_title(title, source),
            description=green_mines_description(df, lang),
        )
        .configure_view(stroke=None)
    )


def green_mines_description(df: pd.DataFrame, lang: str) -> str:
    values = dict(zip(df["level_id"], df["mines"], strict=True))
    return t(
        "zhungeer.chart_mines_desc",
        lang,
        total=fmt.number(df["total"].iloc[0], lang),
        national=fmt.number(values["national"], lang),
        regional=fmt.number(values["regional"], lang),
    )


# --- Jungar Banner's projects -----------------------------------------------------------------------------


def district_projects_data(projects: pd.DataFrame, actions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Projects whose location names Jungar Banner, largest first, with labels for the chart and lists."""
    df = projects[projects["basis"].isin(["named", "gazetteer"])].copy()
    df = df.sort_values(["investment_yi", "project_no"], ascending=[False, True]).reset_index(drop=True)
    action_names = dict(zip(actions["action_no"], actions[col(lang, "name")], strict=True))
    df["name"] = df[col(lang, "name")]
    df["action"] = [f"{n} · {action_names[n]}" for n in df["action_no"]]
    df["amount"] = [fmt.money_yi(v, lang) for v in df["investment_yi"]]
    df["where"] = [_where(n, lang) for n in df["named_districts"]]
    df["row_label"] = [
        t("zhungeer.item_project", lang, no=no, name=name) + f" · {where}"
        for no, name, where in zip(df["project_no"], df["name"], df["where"], strict=True)
    ]
    return df[["project_no", "name", "action_no", "action", "investment_yi", "amount", "named_districts", "where", "row_label"]]


def _where(named_districts: int, lang: str) -> str:
    """'Jungar Banner only', '… and 1 other district', '… and 3 other districts'."""
    if named_districts == 1:
        return t("zhungeer.only_jungar", lang)
    if named_districts == 2:
        return t("zhungeer.shared_jungar_one", lang)
    return t("zhungeer.shared_jungar", lang, n=named_districts, others=named_districts - 1)


def district_projects_view(located: pd.DataFrame, actions: pd.DataFrame, lang: str, source: str) -> tuple[alt.LayerChart, pd.DataFrame]:
    """The chart of Jungar Banner's projects (from `district_project_list`) and the data behind it."""
    named = district_projects_data(located, actions, lang)
    return district_projects_chart(named, lang, source), named[["project_no", "name", "action", "investment_yi", "where"]]


def district_projects_chart(df: pd.DataFrame, lang: str, source: str) -> alt.LayerChart:
    """Horizontal bars of the Jungar Banner projects by planned investment, coloured (and legended) by key action.

    Each project's name sits above its bar, so long names stay readable on a phone; the amount is written
    inside a long bar and after a short one.
    """
    order = df["row_label"].tolist()
    top = float(df["investment_yi"].max())
    actions = df.drop_duplicates("action_no").sort_values("action_no")
    y = alt.Y("row_label:N", sort=order, axis=None, title=None)
    base = alt.Chart(df).encode(y=y)
    bars = base.mark_bar(height=14, yOffset=9).encode(
        x=alt.X(
            "investment_yi:Q",
            title=t("zhungeer.chart_projects_x", lang),
            scale=alt.Scale(domain=[0, top]),
            axis=alt.Axis(gridColor=GRID, tickCount=4),
        ),
        color=alt.Color(
            "action:N",
            title=t("zhungeer.action_legend", lang),
            scale=alt.Scale(domain=actions["action"].tolist(), range=[ACTION_COLORS[n] for n in actions.action_no]),
            legend=alt.Legend(orient="bottom", direction="vertical", columns=1, labelLimit=alt.ExprRef("width - 30")),
        ),
        tooltip=[
            alt.Tooltip("name:N", title=t("zhungeer.kind_project", lang)),
            alt.Tooltip("amount:N", title=t("zhungeer.chart_projects_x", lang)),
            alt.Tooltip("where:N", title=t("zhungeer.chart_projects_where", lang)),
        ],
    )
    names = base.mark_text(align="left", baseline="middle", dy=-8, fontSize=13, color=INK, limit=alt.ExprRef("width")).encode(
        x=alt.datum(0), text="row_label:N"
    )
    long_bar = f"datum.investment_yi >= {top * 0.55}"
    inside = base.transform_filter(long_bar).mark_text(align="right", dx=-5, dy=9, fontSize=12, fontWeight=600, color=WHITE)
    outside = base.transform_filter(f"!({long_bar})").mark_text(align="left", dx=5, dy=9, fontSize=12, color=INK)
    amounts = [layer.encode(x="investment_yi:Q", text="amount:N") for layer in (inside, outside)]
    return (
        alt.layer(bars, names, *amounts)
        .properties(
            width=EXPORT_WIDTH,
            height=alt.Step(46),
            autosize=AUTOSIZE,
            title=_title(t("zhungeer.chart_projects_title", lang, n=len(df)), source),
            description=district_projects_description(df, lang),
        )
        .configure_view(stroke=None)
    )


def district_projects_description(df: pd.DataFrame, lang: str) -> str:
    parts = [f"{row['name']} {row['amount']}" for row in df.to_dict("records")]
    return t("zhungeer.chart_projects_desc", lang, n=len(df), items="; ".join(parts) if lang == "en" else "；".join(parts))
