"""The indicators as a list of tappable cards, by category: each card gives the values as the plan writes them,
the unit, which way is progress, the change required, the responsible units and its flags, and links to the
indicator's detail on the same page (the rest of the URL state kept).

Pure: (DataFrame, lang, …) -> Markup; no st.* here. The markup is components/templates/indicators/listing.html.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from components.indicators.values import change_line, direction_label, notes_flag, status_of, target_text, unit, written
from components.render import macro
from core import pages, progress
from core.i18n import col, t
from core.text import missing


@dataclass(frozen=True)
class Flag:
    text: str
    kind: str = ""  # '' (ratio), 'hold' (no improvement required), 'note' (data notes), 'pg pg-…' (progress)


@dataclass(frozen=True)
class ListCard:
    no: int
    name: str
    href: str
    selected: bool
    label_2020: str
    baseline: str
    label_2024: str
    target: str
    text_target: bool  # the target is words: the unit belongs to the 2020 value
    unit: str  # '' for a ratio
    meta: str  # direction · change required
    depts: str
    flags: tuple[Flag, ...]


def status_flag(state: dict, lang: str) -> Flag:
    """An indicator's progress status on its card: '⚠ Off track · 2023'."""
    year = "" if missing(state["latest_year"]) else f" · {int(state['latest_year'])}"
    return Flag(progress.label(state["status"], lang) + year, f"pg pg-{state['status']}")


def card(
    row: dict, lang: str, params: Mapping[str, str], selected: int | None, state: dict | None, addresses: pages.Addresses = pages.APP
) -> ListCard:
    no, status = int(row["indicator_no"]), status_of(row)
    flags = []
    if state is not None and state["status"] != "no_data":
        flags.append(status_flag(state, lang))
    if status != "required":
        flags.append(Flag(t(f"indicators.status_{status}", lang), "hold"))
    if row["target_kind"] == "ratio":
        flags.append(Flag(t("indicators.flag_ratio", lang)))
    if row.get("notes"):
        flags.append(Flag(f"⚠ {notes_flag(int(row['notes']), lang)}", "note"))
    depts = "" if missing(row[col(lang, "depts")]) else str(row[col(lang, "depts")])
    return ListCard(
        no=no,
        name=row[col(lang, "name")],
        href=addresses.same_page("indicators", params, indicator=no),
        selected=no == selected,
        label_2020=t("indicators.label_2020", lang),
        baseline=written(row["baseline_2020_text"], lang),
        label_2024=t("indicators.label_2024", lang),
        target=target_text(row, lang),
        text_target=status == "text",
        unit="" if row["baseline_kind"] == "ratio" else unit(row, lang),
        meta=f"{direction_label(row['direction'], lang)} · {change_line(row, lang)}",
        depts=t("indicators.depts_short", lang, depts=depts or "—"),
        flags=tuple(flags),
    )


def indicator_list_html(
    rows: pd.DataFrame,
    lang: str,
    params: Mapping[str, str],
    selected: int | None = None,
    states: pd.DataFrame | None = None,
    addresses: pages.Addresses = pages.APP,
) -> Markup:
    """One tappable card per indicator: values as written, unit, direction, change required, units, flags.

    Each card links to the same page with `indicator=N` added to `params` (the rest of the URL state), as
    `addresses` writes links (the app's by default).
    With `states` (indicator_status rows), an indicator with observed values also shows its status.
    """
    by_no = {} if states is None else {int(r["indicator_no"]): r for r in states.to_dict("records")}
    items = tuple(card(row, lang, params, selected, by_no.get(int(row["indicator_no"])), addresses) for row in rows.to_dict("records"))
    return macro("indicators/listing.html", "cards")(items)
