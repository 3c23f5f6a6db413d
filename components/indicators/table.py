"""The indicators as a table: values as written, the numbers the app reads from them, the changes required,
and (once observed values are published) each indicator's status; with st.dataframe's column settings.

Pure: (DataFrame, lang, …) -> DataFrame or dict; no st.* here. The CSV download is components.exports'.
"""

from __future__ import annotations

import pandas as pd

from components.indicators.values import comparator_words, direction_label, target_text, unit, written
from core import progress
from core.i18n import col, t
from core.text import missing


def _text(value) -> str:
    return "" if missing(value) else str(value)


def indicator_table(indicators: pd.DataFrame, lang: str, states: pd.DataFrame | None = None) -> pd.DataFrame:
    """The indicators as a table with localized column names: values as written, the numbers read, the changes.

    Once any observed value is published (`states`: indicator_status rows), also each indicator's status
    (icon and word), its latest observed value and that value's year.
    """

    def cmp_text(cmp) -> str:
        return "" if missing(cmp) else f"{written(cmp, lang)} ({comparator_words(cmp, '', lang).strip()})"

    yes_no = {True: t("indicators.yes", lang), False: t("indicators.no", lang)}
    rows = []
    for r in indicators.sort_values("indicator_no").to_dict("records"):
        rows.append(
            {
                t("indicators.col_no", lang): int(r["indicator_no"]),
                t("indicators.col_category", lang): r[col(lang, "category")],
                t("indicators.col_name", lang): r[col(lang, "name")],
                t("indicators.col_unit", lang): unit(r, lang),
                t("indicators.col_unit_basis", lang): t(f"indicators.basis_{r['unit_basis']}", lang),
                t("indicators.col_base_text", lang): written(r["baseline_2020_text"], lang),
                t("indicators.col_base", lang): r["baseline_2020"],
                t("indicators.col_target_text", lang): target_text(r, lang),
                t("indicators.col_target", lang): r["target_2024"],
                t("indicators.col_cmp", lang): cmp_text(r["target_cmp"]),
                t("indicators.col_direction", lang): direction_label(r["direction"], lang),
                t("indicators.col_change_abs", lang): r["change_abs"],
                t("indicators.col_change_pct", lang): None if missing(r["change_pct"]) else round(r["change_pct"], 2),
                t("indicators.col_progress", lang): None if missing(r["improvement_pct"]) else round(r["improvement_pct"], 2),
                t("indicators.col_met", lang): "—" if missing(r["met_in_2020"]) else yes_no[bool(r["met_in_2020"])],
                t("indicators.col_depts", lang): _text(r[col(lang, "depts")]),
                t("indicators.col_notes", lang): int(r.get("notes") or 0),
            }
        )
    table = pd.DataFrame(rows)
    if states is not None and (states["status"] != "no_data").any():
        state = states.set_index("indicator_no").reindex(table[t("indicators.col_no", lang)])
        table[t("indicators.col_status", lang)] = [progress.label(s, lang) for s in state["status"].fillna("no_data")]
        table[t("indicators.col_latest", lang)] = state["latest_value"].to_numpy()
        table[t("indicators.col_latest_year", lang)] = state["latest_year"].astype("Int64").to_numpy()
    return table


def table_column_config(lang: str) -> dict:
    """Column widths and number formats for st.dataframe (plain dicts, so no st.* here)."""
    head = {k: t(f"indicators.col_{k}", lang) for k in ("no", "category", "name", "change_pct", "progress")}
    return {
        head["no"]: {"width": 48, "pinned": True},
        head["category"]: {"width": "small"},
        head["name"]: {"width": "large"},
        head["change_pct"]: {"type_config": {"type": "number", "format": "%.2f"}},
        head["progress"]: {"type_config": {"type": "number", "format": "%.2f"}},
    }
