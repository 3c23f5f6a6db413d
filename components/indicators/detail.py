"""One indicator in detail: its figures (2020 and 2024 as written, the change required, the direction) with the
sentence needed to read them, the facts about it, its data notes, the key programs that work towards it, and
the labels of the indicator picker and of the story chapters that relate to it.

Pure: (indicator row or rows, lang) -> Markup or str; no st.* here. The markup is
components/templates/indicators/detail.html.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from components.indicators.values import (
    any_change,
    change_texts,
    change_unit,
    comparator_words,
    direction_label,
    status_of,
    target_text,
    target_words,
    unit,
    with_unit,
    written,
)
from components.render import macro
from core import fmt
from core.i18n import col, t
from core.text import fold, missing

TEMPLATE = "indicators/detail.html"


@dataclass(frozen=True)
class Figure:
    value: str
    label: str
    unit: str = ""
    small: bool = False  # words, not a number: set smaller


@dataclass(frozen=True)
class Program:
    action: int
    label: str
    name: str
    reason: str
    evidence: str


def option_label(row: dict | None, lang: str) -> str:
    """'17 · Energy consumption per unit of GDP'; no row reads '— Choose an indicator —'."""
    if row is None:
        return t("indicators.choose_indicator", lang)
    return t("indicators.indicator_option", lang, no=int(row["indicator_no"]), name=row[col(lang, "name")])


def chapter_label(chapter: dict, lang: str) -> str:
    return t("indicators.chapter_link", lang, no=int(chapter["chapter_no"]), heading=chapter[col(lang, "heading")])


def explanation(row: dict, lang: str) -> str | None:
    """The sentence a reader needs to read the figures right (hold target, bound, ratio, text), or None."""
    status = status_of(row)
    if status == "text":
        return t("indicators.detail_text_target", lang)
    change = change_texts(row, lang)
    if status == "hold":
        base = with_unit(written(row["baseline_2020_text"], lang), row, lang)
        return t("indicators.detail_met", lang, base=base, target=target_words(row, lang), abs=change[0], rel=change[1])
    if way := any_change(row):
        return t(f"indicators.detail_any_{way}", lang)
    if row["target_kind"] == "ratio":
        return t("indicators.detail_ratio", lang)
    if not missing(row["baseline_cmp"]):
        words = comparator_words(row["baseline_cmp"], with_unit(fmt.number(row["baseline_2020"], lang), row, lang), lang)
        return t("indicators.detail_baseline_bound", lang, words=words, value=fmt.number(row["baseline_2020"], lang))
    return None


def figures(row: dict, lang: str) -> tuple[Figure, ...]:
    """2020 and 2024 as written, the change required (or the bound's distance) absolute and in %, the direction."""
    unit_text = "" if row["baseline_kind"] == "ratio" else unit(row, lang)
    text_target = row["target_kind"] == "text"
    figs = [
        Figure(written(row["baseline_2020_text"], lang), t("indicators.detail_baseline", lang), unit_text),
        Figure(target_text(row, lang), t("indicators.detail_target", lang), "" if text_target else unit_text, small=text_target),
    ]
    change = change_texts(row, lang)
    if change:
        kind = "bound" if status_of(row) == "hold" else "change"
        figs.append(Figure(fmt.signed(row["change_abs"], lang), t(f"indicators.detail_{kind}_abs", lang), change_unit(row, lang)))
        figs.append(Figure(change[1], t(f"indicators.detail_{kind}_rel", lang)))
    figs.append(Figure(direction_label(row["direction"], lang), t("indicators.detail_direction", lang), small=True))
    return tuple(figs)


def figures_html(row: dict, lang: str) -> Markup:
    """The figures and the sentence needed to read them."""
    return macro(TEMPLATE, "figures")(figures(row, lang), explanation(row, lang))


def facts(row: dict, lang: str) -> tuple[tuple[str, str], ...]:
    """Category, unit and where it comes from, target in words, progress required, units, the source wording."""
    change = change_texts(row, lang)
    basis = t("indicators.unit_context" if row["unit_basis"] == "context" else "indicators.unit_name", lang)
    depts = "" if missing(row[col(lang, "depts")]) else str(row[col(lang, "depts")])
    items = [
        (t("indicators.detail_category", lang), row[col(lang, "category")]),
        (t("indicators.detail_unit", lang), t("indicators.unit_with_basis", lang, unit=unit(row, lang), basis=basis)),
        (t("indicators.detail_target_words", lang), target_words(row, lang)),
    ]
    if change:
        items.append((t("indicators.detail_progress", lang), f"{change[2]} · {t(f'indicators.status_{status_of(row)}', lang)}"))
    items.append((t("indicators.detail_depts", lang), depts or "—"))
    written_as = "" if missing(row["depts_as_written"]) else str(row["depts_as_written"])
    source = " · ".join([row["name_as_written"], row["baseline_2020_text"], row["target_2024_text"], written_as])
    items.append((t("indicators.detail_source", lang), source.strip(" ·")))
    return tuple((label, fold(value)) for label, value in items)


def facts_html(row: dict, lang: str) -> Markup:
    """The facts as a definition list; the source wording is marked as Chinese."""
    return macro(TEMPLATE, "facts")(facts(row, lang))


def notes_html(notes: pd.DataFrame, lang: str) -> Markup:
    """The data notes on one indicator, each labelled with its kind (contradiction, ambiguity, typo)."""
    items = tuple((t(f"indicators.note_kind_{n['kind']}", lang), n[col(lang, "note")]) for n in notes.to_dict("records"))
    return macro(TEMPLATE, "notes")(items)


def programs_html(programs: pd.DataFrame, lang: str) -> Markup:
    """Related key programs: number and name (action colour), why they relate, and the plan's words behind the link.

    Ends with the caveat that the links are an editorial reading; says so plainly when there is none.
    """
    items = tuple(
        Program(int(p["action_no"]), t("indicators.program_item", lang, no=int(p["program_no"])), p[col(lang, "name")],
                p[col(lang, "reason")], p["evidence_zh"])
        for p in programs.to_dict("records")
    )  # fmt: skip
    labels = (t("indicators.evidence_label", lang), t("indicators.programs_note", lang), t("indicators.programs_none", lang))
    return macro(TEMPLATE, "programs")(items, *labels)
