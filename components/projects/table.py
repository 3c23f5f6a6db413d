"""The table of all projects: its filter, the frame it shows and downloads, its column formats, the options
of its filters and the notes on what is shown. Pure: (DataFrame, lang, ...) -> DataFrame, dict or text."""

from __future__ import annotations

import pandas as pd

from components.projects.labels import row_label
from core import fmt
from core.i18n import col, t

TABLE_COLUMNS = ("no", "name", "investment", "share", "start", "end", "action", "program", "location", "dept", "content")
SEARCHED = ("name_zh", "name_en", "content_zh", "content_en", "location_zh", "location_en", "lead_dept_zh", "lead_dept_en")


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
        haystack = projects[list(SEARCHED)].astype(str).agg(" ".join, axis=1).str.casefold()
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


def choices(projects: pd.DataFrame, actions: pd.DataFrame, programs: pd.DataFrame, districts: pd.DataFrame, lang: str) -> dict:
    """The options of the table's filters, value -> label in the page's language (departments keyed by English name)."""
    dept = "lead_dept_en" if lang == "en" else "lead_dept_norm_zh"
    return {
        "action": {int(n): row_label(n, name) for n, name in zip(actions["action_no"], actions[col(lang, "name")], strict=True)},
        "program": {int(n): row_label(n, name) for n, name in zip(programs["program_no"], programs[col(lang, "name")], strict=True)},
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
    return t(
        "projects.district_note",
        lang,
        citywide=int((projects["scope"] == "citywide").sum()),
        unplaced=t("projects.list_sep", lang).join(str(n) for n in unplaced),
    )


def shown_note(shown: pd.DataFrame, projects: pd.DataFrame, lang: str) -> str:
    """'12 of 39 projects shown · CNY … · …% of the total' (a sum, formatted like the page's total)."""
    share = float(shown["share"].sum())
    amount = fmt.money_sum(shown["investment_yi"], lang)
    return t("projects.shown", lang, n=len(shown), total=len(projects), amount=amount, share=fmt.share_text(share, lang))
