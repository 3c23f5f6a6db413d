"""The indicators page: the 36 indicators by number, the pickers' labels, the progress overview, one indicator's
detail, the list and the table of a category, per language and selection, made once per process."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd
from markupsafe import Markup

from components.cards import note_html
from components.exports import to_csv_bytes
from components.indicators import detail as dt
from components.indicators import listing, status
from components.indicators.table import indicator_table, table_column_config
from components.indicators.values import categories, category_option
from core import data, memo, pages
from core.i18n import col, t

Params = tuple[tuple[str, str], ...]  # the URL parameters that links keep, in order (hashable, for the cache)


@dataclass(frozen=True)
class Labels:
    categories: tuple[str, ...]  # option i (0 = all categories, then table order) with its count
    indicators: Mapping[int, str]  # by number; 0 is '— Choose an indicator —'


@dataclass(frozen=True)
class Chapter:
    """A story chapter that relates to the indicator: its link's label and query parameters."""

    label: str
    params: Params


@dataclass(frozen=True)
class Detail:
    """One indicator's detail: its panels as markup, its progress and the story chapters that relate to it."""

    title: str
    figures: Markup
    upper: tuple[tuple[str, Markup], ...]  # (heading, panel): the data notes (if any), the progress status
    observations: Markup  # '' before any observed value
    lower: tuple[tuple[str, Markup], ...]  # (heading, panel): the facts, the related programs
    chapters: tuple[Chapter, ...]
    chart: tuple  # the trajectory chart's inputs (row, status, observations, lang); () without observed values


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame
    csv: bytes
    columns: dict  # st.dataframe's column_config (Streamlit copies it before use)


@memo.per_process(maxsize=1)
def rows_by_no() -> Mapping[int, dict]:
    """The indicators as rows by number (converting the table to rows was ~10% of a run)."""
    return MappingProxyType({int(r["indicator_no"]): r for r in data.indicators().to_dict("records")})


def link_params(query: Mapping[str, str], lang: str) -> Params:
    """The URL state a link to an indicator keeps: every parameter but `indicator`, the language as read."""
    return tuple({**{k: str(v) for k, v in query.items() if k != "indicator"}, "lang": lang}.items())


@memo.per_process(maxsize=4)
def labels(lang: str) -> Labels:
    """The category and indicator pickers' labels (formatting them was ~15% of a run)."""
    rows = data.indicators()
    cats = tuple(category_option(rows, i, lang) for i in range(len(categories(rows, lang)) + 1))
    named = {0: dt.option_label(None, lang)} | {no: dt.option_label(r, lang) for no, r in rows_by_no().items()}
    return Labels(cats, MappingProxyType(named))


DRAFT_NOTE = "draft-status"  # data/curated/data_notes.yaml


@memo.per_process(maxsize=4)
def plan_note(lang: str) -> Markup:
    """The note every figure of the plan carries: it is a draft for comment. The plan's other notes (missing
    annexes, repeated clauses) are on the About page: they say nothing about the indicators."""
    notes = data.notes_for("source:plan")
    return note_html(" ".join(notes[notes["note_id"].str.startswith(DRAFT_NOTE)][col(lang, "note")]))


@memo.per_process(maxsize=64)
def observed() -> bool:
    """Whether any observed value has been published (the progress overview then gets its own section)."""
    return bool((data.indicator_status()["observations"] > 0).any())


@memo.per_process(maxsize=64)
def overview(lang: str, params: Params, addresses: pages.Addresses = pages.APP) -> Markup:
    """The statuses of the 36 indicators (or what will appear once values are published), tiles linking to each."""
    return status.progress_overview_html(data.indicators(), data.indicator_status(), lang, dict(params), addresses)


@memo.per_process(maxsize=10)
def selection(lang: str, category: int | None) -> pd.DataFrame:
    """The indicators of category `category` (1-based, table order), or all of them."""
    rows = data.indicators()
    if category is None:
        return rows
    return rows[rows[col(lang, "category")] == categories(rows, lang)[category - 1]]


def states() -> pd.DataFrame:
    """Each indicator's progress status (indicator_status)."""
    return data.indicator_status()


def change_inputs(lang: str, category: int | None) -> tuple:
    """What the change chart (components.indicators.charts.change_view) is built from: the selection, lang, statuses."""
    return selection(lang, category), lang, states()


@memo.per_process(maxsize=160)
def detail(no: int, lang: str) -> Detail:
    """One indicator's detail panels, made once per indicator and language."""
    row, notes = rows_by_no()[no], data.notes_for(f"indicator:{no}")
    observations = data.table("observations")
    own = observations[observations["indicator_no"] == no]
    known = states()
    state = dict(zip(known["indicator_no"].astype(int), known["status"], strict=True)).get(no, "no_data")
    chapters = tuple(
        Chapter(dt.chapter_label(c, lang), tuple(pages.params(lang, chapter=int(c["chapter_no"])).items()))
        for c in data.indicator_chapters(no).to_dict("records")
    )
    upper = [] if notes.empty else [(t("indicators.notes_title", lang), dt.notes_html(notes, lang))]
    upper.append((t("indicators.progress_title", lang), status.progress_status_html(row, state, own, lang)))
    lower = (
        (t("indicators.facts_title", lang), dt.facts_html(row, lang)),
        (t("indicators.programs_title", lang), dt.programs_html(data.indicator_programs(no), lang)),
    )
    return Detail(
        title=labels(lang).indicators[no],
        figures=dt.figures_html(row, lang),
        upper=tuple(upper),
        observations=Markup("") if own.empty else status.observations_html(own, row, lang),
        lower=lower,
        chapters=chapters,
        chart=() if own.empty else (row, state, own, lang),
    )


@memo.per_process(maxsize=64)
def cards(
    lang: str, category: int | None, selected: int | None, params: Params, addresses: pages.Addresses = pages.APP
) -> tuple[tuple[str, Markup], ...]:
    """The list of a category (or of all), one (category name, cards) pair per category in table order."""
    rows = selection(lang, category)
    return tuple(
        (name, listing.indicator_list_html(rows[rows[col(lang, "category")] == name], lang, dict(params), selected, states(), addresses))
        for name in dict.fromkeys(rows[col(lang, "category")])
    )


@memo.per_process(maxsize=10)
def table(lang: str, category: int | None) -> Table:
    """The table of a category (or of all), its CSV and its column settings."""
    frame = indicator_table(selection(lang, category), lang, states())
    return Table(frame, to_csv_bytes(frame), table_column_config(lang))
