"""Builders for the projects page: investment rankings, the timeline, the table's filter and the detail card.

All pure: (DataFrame, lang, ...) -> alt.Chart, DataFrame or an escaped HTML string; no st.* here.
Bars carry their amount and share of the total as text, because the investments span from 0.1 to
406 亿元 and the small ones would otherwise be invisible.
"""

from __future__ import annotations

import re
from html import escape

import altair as alt
import pandas as pd

from components.cards import Card
from components.theme import ACTION_COLORS, INK, MUTED, action_scale
from core import fmt
from core.i18n import col, t

BIG_YI = 100  # "large" projects: at least 100 亿元 each (the six that dominate the total)
SMALL_YI = 1  # "small" projects: below 1 亿元 each
_STEP = 40  # pixels per row: the name line above, the bar below
EXPORT_WIDTH = 760  # width of the PNG/SVG downloads; on the page the chart takes the container's width


# ---------------------------------------------------------------- numbers as text


def amount(value_yi: float, lang: str) -> str:
    """An amount in 亿元 at the document's precision: zh '330.27 亿元', en 'CNY 33.027 billion' / 'CNY 71 million'."""
    if lang != "en":
        return f"{fmt.number(value_yi, lang)} 亿元"
    if value_yi >= 10:
        return f"CNY {fmt.number(round(value_yi / 10, 6), lang)} billion"
    return f"CNY {fmt.number(round(value_yi * 100, 6), lang)} million"


def share_text(share: float, lang: str) -> str:
    """A share of the total; a tiny but non-zero share reads '<0.1%' rather than a misleading '0.0%'."""
    if 0 < share < 0.0005:
        return "<" + fmt.percent(0.001, lang)
    return fmt.percent(share, lang)


def amount_share(value_yi: float, share: float, lang: str) -> str:
    return f"{amount(value_yi, lang)} · {share_text(share, lang)}"


def _plot_amount(value_yi: pd.Series, lang: str) -> pd.Series:
    # the axis speaks the same unit as the labels: 亿元 in Chinese, CNY billion in English
    return value_yi / 10 if lang == "en" else value_yi


def _row_label(no: int, name: str) -> str:
    return f"{no} · {name}"


# ---------------------------------------------------------------- the skew, in figures


def skew_summary(projects: pd.DataFrame) -> dict:
    """How concentrated the investment is, computed from the projects table (nothing typed in)."""
    ranked = projects.sort_values(["investment_yi", "project_no"], ascending=[False, True])
    cumulative = ranked["share"].cumsum().reset_index(drop=True)
    half_n = int((cumulative < 0.5).sum()) + 1
    big = ranked[ranked["investment_yi"] >= BIG_YI]
    small = ranked[ranked["investment_yi"] < SMALL_YI]
    return {
        "count": len(ranked),
        "half_n": half_n,
        "half_share": float(cumulative.iloc[half_n - 1]),
        "big_n": len(big),
        "big_share": float(big["share"].sum()),
        "big_nos": big["project_no"].tolist(),
        "small_n": len(small),
        "small_share": float(small["share"].sum()),
        "small_yi": float(small["investment_yi"].sum()),
    }


def skew_sentence(summary: dict, lang: str) -> str:
    """The concentration in one sentence, e.g. 'The 3 largest projects account for 53.9% of the total…'."""
    return t(
        "projects.skew_sentence",
        lang,
        half_n=summary["half_n"],
        half_share=fmt.percent(summary["half_share"], lang),
        big_n=summary["big_n"],
        big=amount(BIG_YI, lang),
        big_share=fmt.percent(summary["big_share"], lang),
        big_nos=t("projects.list_sep", lang).join(str(n) for n in summary["big_nos"]),
        count=summary["count"],
        small_n=summary["small_n"],
        small=amount(SMALL_YI, lang),
        small_share=share_text(summary["small_share"], lang),
    )


# ---------------------------------------------------------------- ranked bars


def _title(key: str, lang: str) -> alt.TitleParams:
    return alt.TitleParams(
        t(f"projects.{key}_title", lang),
        subtitle=_lines("chart_subtitle", lang) + _lines("chart_source", lang),
        limit=alt.ExprRef("width"),
        subtitleFontSize=12,
    )


def _lines(key: str, lang: str) -> list[str]:
    # Vega titles do not wrap: the texts come in short lines that fit a 390 px phone
    return t(f"projects.{key}", lang).split("\n")


def _action_names(lang: str, actions: pd.DataFrame) -> dict[int, str]:
    return {int(r["action_no"]): r[col(lang, "name")] for r in actions.to_dict("records")}


def _colour(lang: str, names: dict[int, str]) -> alt.Color:
    return alt.Color(
        "action:N",
        scale=action_scale(names),
        legend=alt.Legend(title=t("projects.legend_action", lang), columns=1, labelLimit=alt.ExprRef("max(200, width - 30)")),
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
        .properties(title=_title(key, lang), height=alt.Step(_STEP), width=EXPORT_WIDTH, description=description)
        .configure_legend(orient="top", direction="vertical")
    )


def _rows(frame: pd.DataFrame, key: pd.Series, label: pd.Series, lang: str) -> pd.DataFrame:
    rows = pd.DataFrame(
        {
            "key": key.astype(str).to_numpy(),
            "label": label.to_numpy(),
            "plot": _plot_amount(frame["investment_yi"], lang).to_numpy(),
            "text": [amount_share(v, s, lang) for v, s in zip(frame["investment_yi"], frame["share"], strict=True)],
        }
    )
    return rows


def action_investment_chart(actions: pd.DataFrame, lang: str) -> alt.LayerChart:
    """The five key actions' planned investment, largest first, with amount and share labels."""
    ranked = actions.sort_values(["investment_yi", "action_no"], ascending=[False, True])
    names = _action_names(lang, actions)
    rows = _rows(ranked, ranked["action_no"], ranked[col(lang, "name")], lang)
    bars = rows[["key", "plot"]].assign(action=[names[int(n)] for n in ranked["action_no"]])
    top = ranked.iloc[0]
    description = t(
        "projects.by_action_desc", lang, name=top[col(lang, "name")], text=amount_share(top["investment_yi"], top["share"], lang)
    )
    colour = _colour(lang, names)
    colour.legend = None  # each row is named by its action: a legend would only repeat the names
    return _ranked(rows, bars, lang, "by_action", description, colour)


def program_investment_chart(programs: pd.DataFrame, actions: pd.DataFrame, lang: str) -> alt.LayerChart:
    """The 24 key programs' planned investment, largest first, coloured by key action."""
    ranked = programs.sort_values(["investment_yi", "program_no"], ascending=[False, True])
    names = _action_names(lang, actions)
    labels = [_row_label(n, name) for n, name in zip(ranked["program_no"], ranked[col(lang, "name")], strict=True)]
    rows = _rows(ranked, ranked["program_no"], pd.Series(labels), lang)
    bars = rows[["key", "plot"]].assign(action=[names[int(n)] for n in ranked["action_no"]])
    top = ranked.iloc[0]
    description = t(
        "projects.by_program_desc", lang, name=top[col(lang, "name")], text=amount_share(top["investment_yi"], top["share"], lang)
    )
    return _ranked(rows, bars, lang, "by_program", description, _colour(lang, names))


def project_investment_chart(projects: pd.DataFrame, actions: pd.DataFrame, lang: str) -> alt.LayerChart:
    """All 39 key projects, largest first, coloured by key action: the skew made visible."""
    ranked = projects.sort_values(["investment_yi", "project_no"], ascending=[False, True])
    names = _action_names(lang, actions)
    labels = [_row_label(n, name) for n, name in zip(ranked["project_no"], ranked[col(lang, "name")], strict=True)]
    rows = _rows(ranked, ranked["project_no"], pd.Series(labels), lang)
    bars = rows[["key", "plot"]].assign(action=[names[int(n)] for n in ranked["action_no"]])
    summary = skew_summary(projects)
    description = t("projects.by_project_desc", lang) + " " + skew_sentence(summary, lang)
    return _ranked(rows, bars, lang, "by_project", description, _colour(lang, names))


def department_totals(projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Planned investment per lead department (in the page's language), largest first."""
    dept = col(lang, "lead_dept") if lang == "en" else "lead_dept_norm_zh"
    grouped = (
        projects.groupby(dept, as_index=False)
        .agg(projects=("project_no", "count"), investment_yi=("investment_yi", "sum"), share=("share", "sum"))
        .rename(columns={dept: "department"})
        .sort_values(["investment_yi", "department"], ascending=[False, True], ignore_index=True)
    )
    return grouped


def department_investment_chart(projects: pd.DataFrame, actions: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Planned investment by lead department, largest first; each bar split by key action."""
    dept = col(lang, "lead_dept") if lang == "en" else "lead_dept_norm_zh"
    totals = department_totals(projects, lang)
    names = _action_names(lang, actions)
    labels = [t("projects.dept_label", lang, dept=d, n=n) for d, n in zip(totals["department"], totals["projects"], strict=True)]
    rows = _rows(totals, totals["department"], pd.Series(labels), lang)
    parts = projects.groupby([dept, "action_no"], as_index=False)["investment_yi"].sum()
    bars = pd.DataFrame(
        {
            "key": parts[dept].astype(str),
            "plot": _plot_amount(parts["investment_yi"], lang),
            "action": [names[int(n)] for n in parts["action_no"]],
        }
    )
    top = totals.iloc[0]
    description = t("projects.by_dept_desc", lang, name=top["department"], text=amount_share(top["investment_yi"], top["share"], lang))
    return _ranked(rows, bars, lang, "by_dept", description, _colour(lang, names))


# ---------------------------------------------------------------- timeline


def timeline_frame(projects: pd.DataFrame, actions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per project, sorted by action then start year; bars run to the end of the end year."""
    names = _action_names(lang, actions)
    ordered = projects.sort_values(["action_no", "start_year", "end_year", "project_no"], ignore_index=True)
    return pd.DataFrame(
        {
            "project_no": ordered["project_no"],
            "label": [_row_label(n, name) for n, name in zip(ordered["project_no"], ordered[col(lang, "name")], strict=True)],
            "action": [names[int(n)] for n in ordered["action_no"]],
            "start_year": ordered["start_year"],
            "end_year": ordered["end_year"],
            "bar_end": ordered["end_year"] + 1,
            "years": [f"{s}–{e}" for s, e in zip(ordered["start_year"], ordered["end_year"], strict=True)],
            "investment": [amount(v, lang) for v in ordered["investment_yi"]],
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
        color=_colour(lang, _action_names(lang, actions)),
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
                subtitle=_lines("timeline_subtitle", lang) + _lines("chart_source", lang),
                limit=alt.ExprRef("width"),
                subtitleFontSize=12,
            ),
            height=alt.Step(_STEP - 6),
            width=EXPORT_WIDTH,
            description=description,
        )
        .configure_legend(orient="top", direction="vertical")
    )


# ---------------------------------------------------------------- the table


def filter_projects(
    projects: pd.DataFrame,
    *,
    text: str = "",
    actions: list[int] | None = None,
    programs: list[int] | None = None,
    district: str | None = None,
    include_citywide: bool = True,
    departments: list[str] | None = None,
    years: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """The projects that pass every filter given (an empty filter passes all).

    Text matches names, content, location and department in both languages. A district matches the
    projects whose location names it; with `include_citywide`, also the city-wide ones that cover it
    (a whole-city project that leaves a district out, such as 'the 8 other than Kangbashi', does not
    match that district; '8 unnamed districts' matches every district). Projects at unplaced sites
    match no district. Years keep projects that run during any year of the range. Departments are
    English department names (a stable key in both languages).
    """
    keep = pd.Series(True, index=projects.index)
    needle = (text or "").strip().casefold()
    if needle:
        fields = ["name_zh", "name_en", "content_zh", "content_en", "location_zh", "location_en", "lead_dept_zh", "lead_dept_en"]
        haystack = projects[fields].astype(str).agg(" ".join, axis=1).str.casefold()
        keep &= haystack.str.contains(needle, regex=False) | (projects["project_no"].astype(str) == needle)
    if actions:
        keep &= projects["action_no"].isin(actions)
    if programs:
        keep &= projects["program_no"].isin(programs)
    if district:
        codes = projects["district_codes"].str.split()
        covers = codes.apply(lambda c: district in c)
        named = (projects["scope"] == "districts") & covers
        citywide = (projects["scope"] == "citywide") & (covers | (projects["district_codes"] == ""))
        keep &= named | (citywide if include_citywide else False)
    if departments:
        keep &= projects["lead_dept_en"].isin(departments)
    if years:
        keep &= (projects["start_year"] <= years[1]) & (projects["end_year"] >= years[0])
    return projects[keep]


TABLE_COLUMNS = ("no", "name", "investment", "share", "start", "end", "action", "program", "location", "dept", "content")


def table_frame(projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The projects as a table with headers in the page's language (for display and download)."""
    location = projects["location_en"] if lang == "en" else projects["location_zh"].str.replace(r"\s+", "", regex=True)
    values = {
        "no": projects["project_no"],
        "name": projects[col(lang, "name")],
        "investment": projects["investment_yi"],
        "share": (projects["share"] * 100).round(4),  # percent of the total, derived from the amounts
        "start": projects["start_year"],
        "end": projects["end_year"],
        "action": projects[col(lang, "action_name")],
        "program": projects[col(lang, "program_name")],
        "location": location,
        "dept": projects["lead_dept_en" if lang == "en" else "lead_dept_norm_zh"],
        "content": projects[col(lang, "content")],
    }
    return pd.DataFrame({t(f"projects.col_{c}", lang): values[c].to_numpy() for c in TABLE_COLUMNS})


# ---------------------------------------------------------------- one project


RULES = ("named", "gazetteer", "all_districts", "citywide_unspecified", "institution", "unresolved")


def _chip(text: str, colour: str) -> str:
    return f'<span class="ordos-chip" style="--accent:{escape(colour)}">{escape(text)}</span>'


def districts_text(project: dict, district_names: dict[str, str], lang: str) -> str:
    """The districts the map counts the project in, or why it is in none (never a guess)."""
    codes = str(project.get("district_codes") or "").split()
    names = [district_names[c] for c in sorted(district_names) if c in codes]
    if names and len(names) == len(district_names):
        return t("projects.every_district", lang, n=len(names))
    if names:
        return t("projects.list_sep", lang).join(names)
    return t("projects.citywide_no_district" if project.get("scope") == "citywide" else "projects.no_district", lang)


def detail_html(project: dict, places: pd.DataFrame, lang: str, district_names: dict[str, str] | None = None) -> str:
    """One project's card: chips for action and program, the facts, and how each place of its location resolves.

    `district_names` (code -> name in the page's language) adds the districts the map counts the project in.
    """
    colour = ACTION_COLORS.get(int(project["action_no"]), MUTED)
    chips = _chip(t("projects.action_chip", lang, no=project["action_no"], name=project[col(lang, "action_name")]), colour)
    chips += _chip(t("projects.program_chip", lang, no=project["program_no"], name=project[col(lang, "program_name")]), MUTED)
    facts = [
        (
            t("projects.detail_investment", lang),
            f"{amount(project['investment_yi'], lang)} · {t('projects.share_of_total', lang, share=share_text(project['share'], lang))}",
        ),
        (t("projects.col_years", lang), f"{project['start_year']}–{project['end_year']}"),
        (t("projects.col_dept", lang), project["lead_dept_en"] if lang == "en" else project["lead_dept_norm_zh"]),
        (t("projects.col_location", lang), project[col(lang, "location")]),
    ]
    if district_names:
        facts.append((t("projects.detail_districts", lang), districts_text(project, district_names, lang)))
    rows = "".join(f'<span class="k">{escape(str(k))}</span><span class="v">{escape(" ".join(str(v).split()))}</span>' for k, v in facts)
    source = ""
    if lang == "en":  # the location as the plan writes it: a source quote, marked as such
        source = (
            f'<p class="ordos-source">{escape(t("projects.as_written", lang))} '
            f'<q lang="zh">{escape("".join(project["location_zh"].split()))}</q></p>'
        )
    items = []
    for place in places.to_dict("records"):
        rule = place["rule"] if place["rule"] in RULES else "unresolved"
        mapped = rule in ("named", "gazetteer", "all_districts")
        mark = "✓" if mapped else "✗"
        items.append(
            f'<li><span aria-hidden="true">{mark}</span> <strong>{escape(place[col(lang, "place")])}</strong> — '
            f"{escape(t(f'projects.rule_{rule}', lang))}</li>"
        )
    place_list = f'<p class="ordos-source">{escape(t("projects.places_intro", lang))}</p><ul>{"".join(items)}</ul>'
    style = (
        "<style>.ordos-project .facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem .9rem;margin:.6rem 0}"
        ".ordos-project .k{color:#5b6770}.ordos-project .v{min-width:0;overflow-wrap:anywhere}"
        # white chips with a coloured edge: white text on the lighter action colours would be hard to read
        f".ordos-project .ordos-chip{{border-radius:6px;margin:0 .3rem .3rem 0;padding:.1rem .55rem;line-height:1.35;"
        f"background:#fff;color:{INK};border:1px solid var(--accent);border-left:8px solid var(--accent)}}"
        ".ordos-project ul{margin:.2rem 0 .4rem;padding-left:1.1rem}.ordos-project h3{margin:.5rem 0 .2rem}"
        ".ordos-project h4{font-size:1rem;margin:.9rem 0 .3rem}"
        "@media (max-width:640px){.ordos-project .facts{grid-template-columns:1fr;gap:0}.ordos-project .v{margin-bottom:.4rem}}</style>"
    )
    heading = f"<h3>{escape(_row_label(project['project_no'], project[col(lang, 'name')]))}</h3>"
    content = f"<h4>{escape(t('projects.col_content', lang))}</h4>{paragraph_html(project[col(lang, 'content')])}"
    where = f"<h4>{escape(t('projects.where', lang))}</h4>{source}{place_list}"
    return f'{style}<div class="ordos-project">{chips}{heading}<div class="facts">{rows}</div>{content}{where}</div>'


def project_option(project: dict, lang: str) -> str:
    """How a project reads in the picker: number, name and amount."""
    return f"{_row_label(project['project_no'], project[col(lang, 'name')])} ({amount(project['investment_yi'], lang)})"


def paragraph_html(text: str) -> str:
    """Source text as escaped paragraphs (data text is never read as Markdown or HTML)."""
    paragraphs = [" ".join(p.split()) for p in str(text).splitlines() if p.strip()]
    return "".join(f'<p style="margin:0 0 .6rem">{escape(p)}</p>' for p in paragraphs)


# ---------------------------------------------------------------- small helpers for the page's widgets and notes


VIEWS = ("action", "program", "project", "dept")


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


def long_runner_note(projects: pd.DataFrame, lang: str) -> str:
    """Which projects run past 2025, whose amounts cover only the spending planned before 2025."""
    late = projects[projects["end_year"] > 2025].sort_values("project_no")
    items = [t("projects.runs_to", lang, no=n, end=e) for n, e in zip(late["project_no"], late["end_year"], strict=True)]
    return t("projects.long_runners", lang, items=t("projects.list_sep", lang).join(items), n=len(items))


def choices(projects: pd.DataFrame, actions: pd.DataFrame, programs: pd.DataFrame, districts: pd.DataFrame, lang: str) -> dict:
    """The options of the table's filters, value -> label in the page's language (departments keyed by English name)."""
    dept = "lead_dept_en" if lang == "en" else "lead_dept_norm_zh"
    return {
        "action": {int(n): _row_label(n, name) for n, name in zip(actions["action_no"], actions[col(lang, "name")], strict=True)},
        "program": {int(n): _row_label(n, name) for n, name in zip(programs["program_no"], programs[col(lang, "name")], strict=True)},
        "district": dict(zip(districts["district_code"], districts[col(lang, "name")], strict=True)),
        "dept": dict(sorted(zip(projects["lead_dept_en"], projects[dept], strict=True))),
    }


def programs_of(programs: pd.DataFrame, action_nos: list[int]) -> list[int]:
    """The programs under the chosen actions (all programs when none is chosen)."""
    chosen = programs[programs["action_no"].isin(action_nos)] if action_nos else programs
    return chosen["program_no"].astype(int).tolist()


def district_filter_note(projects: pd.DataFrame, lang: str) -> str:
    """How the district filter treats city-wide projects and sites that the documents do not place."""
    unplaced = projects[projects["scope"] == "unresolved"]["project_no"].tolist()
    return t("projects.district_note", lang, citywide=int((projects["scope"] == "citywide").sum()),
             unplaced=t("projects.list_sep", lang).join(str(n) for n in unplaced))  # fmt: skip


def shown_note(shown: pd.DataFrame, projects: pd.DataFrame, lang: str) -> str:
    """'12 of 39 projects shown · CNY … · …% of the total' (a sum, formatted like the page's total)."""
    value, share = round(float(shown["investment_yi"].sum()), 6), float(shown["share"].sum())
    return t("projects.shown", lang, n=len(shown), total=len(projects), amount=fmt.money_yi(value, lang), share=share_text(share, lang))


def table_column_config(lang: str) -> dict:
    """Number formats and widths for the table (years without thousands separators, shares as percent)."""
    from streamlit import column_config as cc  # column specs are plain data; nothing is drawn here

    head = {c: t(f"projects.col_{c}", lang) for c in TABLE_COLUMNS}
    return {
        head["no"]: cc.NumberColumn(format="%d", width=40, pinned=True),
        head["name"]: cc.TextColumn(width="large"),
        head["start"]: cc.NumberColumn(format="%d", width=60),
        head["end"]: cc.NumberColumn(format="%d", width=60),
        head["investment"]: cc.NumberColumn(format="plain", help=t("projects.investment_help", lang)),
        head["share"]: cc.NumberColumn(format="%.3g"),
        head["content"]: cc.TextColumn(width="large"),
    }


def summary_cards(projects: pd.DataFrame, total_fact: dict, lang: str, source: str) -> list[Card]:
    """The total (exact, with its source sentence) and two cards that show how skewed the amounts are."""
    summary = skew_summary(projects)
    total_value = float(total_fact["value"])
    value, unit = fmt.money_yi(total_value, lang).rsplit(" ", 1)  # "CNY 204.8" + "billion", "2,048.463" + "亿元"
    # "CNY 204.8" stays on one line; the trailing space lets a narrow card wrap before the unit, not inside it
    value = value.replace(" ", "\u00a0") + " "
    if lang == "en":  # the card rounds; the plan's exact figure stays one click away, next to its source sentence
        source = f"{source}. " + t("projects.exact_total", lang, yi=fmt.number(total_value, lang), exact=amount(total_value, lang))
    return [
        Card(value, total_fact[col(lang, "label")], unit=unit, quote=total_fact["quote_zh"], source=source),
        Card(fmt.percent(summary["half_share"], lang), t("projects.card_half", lang, n=summary["half_n"])),
        Card(
            fmt.percent(summary["big_share"], lang),
            t(
                "projects.card_big",
                lang,
                n=summary["big_n"],
                big=amount(BIG_YI, lang),
                nos=t("projects.list_sep", lang).join(map(str, summary["big_nos"])),
            ),
        ),
        Card(share_text(summary["small_share"], lang), t("projects.card_small", lang, n=summary["small_n"], small=amount(SMALL_YI, lang))),
    ]


_CJK_RUN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]+")


def data_note_html(text: str) -> str:
    """A data note, escaped; Chinese source wording quoted in an English note is marked lang="zh" (for screen readers)."""
    parts, last = [], 0
    for match in _CJK_RUN.finditer(text):
        parts += [escape(text[last : match.start()]), f'<span lang="zh">{escape(match.group())}</span>']
        last = match.end()
    parts.append(escape(text[last:]))
    return f'<div class="ordos-note" role="note">{"".join(parts)}</div>'
