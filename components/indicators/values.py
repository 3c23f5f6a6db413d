"""An indicator's values as text: as the plan's table writes them (＞70, ≤0.047, 1.4:1, a text target), in
words ('more than 70%'), with units, and the change the 2024 target requires.

Pure: (indicator row, lang) -> str. The numbers behind the values are used only to compute the change
required. In English the full-width signs of the source (＞) are shown in their ASCII form (>), which is
the same sign. Shared by the indicators page, the slides and the phone edition.
"""

from __future__ import annotations

import unicodedata

import pandas as pd

from core import fmt
from core.i18n import col, t
from core.text import missing

CMP_KEYS = {">": "gt", "≥": "ge", "<": "lt", "≤": "le"}


def written(text: str, lang: str) -> str:
    """A value as the indicator table writes it; in English full-width signs become their ASCII form (＞ -> >)."""
    return unicodedata.normalize("NFKC", text) if lang == "en" else text


def categories(indicators: pd.DataFrame, lang: str) -> list[str]:
    """The category names in the table's order (the order of their first indicator)."""
    return list(dict.fromkeys(indicators.sort_values("indicator_no")[col(lang, "category")]))


def category_option(indicators: pd.DataFrame, i: int, lang: str) -> str:
    """Label of category option i (1-based, table order) with its count; 0 is all categories."""
    if i == 0:
        return t("indicators.all_categories", lang, n=len(indicators))
    name = categories(indicators, lang)[i - 1]
    return t("indicators.category_option", lang, name=name, n=int((indicators[col(lang, "category")] == name).sum()))


def unit(row: dict, lang: str) -> str:
    return row[col(lang, "unit")]


def with_unit(number_text: str, row: dict, lang: str) -> str:
    """'70%', '1.82 tce per 10,000 yuan of GDP'; a ratio (2.5:1) and a text target carry no unit."""
    if row["target_kind"] == "ratio" or row["baseline_kind"] == "ratio":
        return number_text
    u = unit(row, lang)
    return f"{number_text}%" if u == "%" else f"{number_text} {u}"


def comparator_words(cmp: str | None, value_text: str, lang: str) -> str:
    """'more than 70%', 'at least 99%', 'below 4.5%', 'at most 0.02 …'; a bare number reads 'reach 1.8%'."""
    return t(f"indicators.cmp_{CMP_KEYS.get(cmp, 'none')}", lang, value=value_text)


def direction_label(direction: str, lang: str) -> str:
    """The arrow and the words: '↑ higher is better' / '↓ lower is better'."""
    return t(f"indicators.dir_{direction}", lang)


def status_of(row: dict) -> str:
    """'text' (no numeric target), 'hold' (the 2020 value already meets the target) or 'required'."""
    if row["target_kind"] == "text" or missing(row["improvement_pct"]):
        return "text"
    return "hold" if row["met_in_2020"] is True else "required"


def target_text(row: dict, lang: str) -> str:
    """The 2024 target as written (English rendering for a text target)."""
    if row["target_kind"] == "text":
        return row["target_2024_en"] if lang == "en" else row["target_2024_text"]
    return written(row["target_2024_text"], lang)


def target_words(row: dict, lang: str) -> str:
    """The target in words with its unit: 'more than 70%', 'reach 1.82 tce per 10,000 yuan of GDP'."""
    if row["target_kind"] == "text":
        return target_text(row, lang)
    number = unicodedata.normalize("NFKC", row["target_2024_text"]).lstrip("<>≤≥ ")  # the comparator is said in words
    return comparator_words(row["target_cmp"], with_unit(number, row, lang), lang)


def change_unit(row: dict, lang: str) -> str:
    """The unit of a change: a change of a percentage is in percentage points; a ratio's has none."""
    if row["target_kind"] == "ratio" or row["baseline_kind"] == "ratio":
        return ""
    return t("indicators.pp", lang, value="").strip() if unit(row, lang) == "%" else unit(row, lang)


def change_number(value: float, row: dict, lang: str) -> str:
    """'+0.99 percentage points', '−0.26 tce per 10,000 yuan of GDP', '+1.1' (ratio, first term)."""
    text = fmt.signed(value, lang)
    if row["target_kind"] != "ratio" and unit(row, lang) == "%":
        return t("indicators.pp", lang, value=text)
    return f"{text} {change_unit(row, lang)}".strip()


def any_change(row: dict) -> str | None:
    """'rise' or 'fall' when the target is strictly beyond the 2020 value itself (＞85.7 from 85.7): no size given."""
    if status_of(row) == "required" and row["change_abs"] == 0 and row["target_cmp"] in (">", "<"):
        return "rise" if row["target_cmp"] == ">" else "fall"
    return None


def change_texts(row: dict, lang: str) -> tuple[str, str, str] | None:
    """(absolute change with unit, change in % of 2020, change in the direction of progress), or None."""
    if missing(row["change_abs"]) or missing(row["change_pct"]):
        return None
    return (
        change_number(row["change_abs"], row, lang),
        fmt.signed_percent(row["change_pct"], lang),
        fmt.signed_percent(row["improvement_pct"], lang),
    )


def notes_flag(n: int, lang: str) -> str:
    return t("indicators.note_one", lang) if n == 1 else t("indicators.note_many", lang, n=n)


def change_line(row: dict, lang: str) -> str:
    """One line on the change: required (absolute and %), any rise/fall, met in 2020 (the bound's distance), or none."""
    change, status = change_texts(row, lang), status_of(row)
    if change is None:
        return t("indicators.no_change", lang)
    if status == "hold":
        return t("indicators.hold_short", lang, abs=change[0], rel=change[1])
    if way := any_change(row):
        return t(f"indicators.any_{way}_short", lang)
    return t("indicators.change_short", lang, abs=change[0], rel=change[1])
