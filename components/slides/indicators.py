"""The indicators on slides: a table of highlights (2020 value, 2024 target, the change required, the latest
status) and progress since 2020 (observed values against the plan's path, each status as an icon and a word,
each value's source). With no observed value published, both say so and show the plan only: nothing is invented.

Pure: tables in, `Slide` out (components.slides.build puts them in the deck).
"""

from __future__ import annotations

import pandas as pd

from components.indicators import values as iv
from components.slides import charts
from components.slides.model import Bi, Chart, Slide, Table, both, column, join, status_text, text
from components.theme import INK, MUTED
from core import fmt, progress
from core.i18n import t
from core.text import fold

HIGHLIGHT_INDICATORS = (32, 33, 17, 1, 35, 36)
PROGRESS_PANELS = 4  # indicators drawn on the progress slide (2 × 2)
ITEMS = Bi("；", "; ")  # between the items of a chart's description


def change(row: dict, lang: str) -> str:
    """The change the target asks for, or that the 2020 value already meets it."""
    state = iv.status_of(row)
    if state == "hold":
        return t("slides.change_hold", lang)
    if state == "text" or (texts := iv.change_texts(row, lang)) is None:
        return t("slides.change_none", lang)
    if way := iv.any_change(row):
        return t(f"indicators.any_{way}_short", lang)
    return texts[0]


def indicators_slide(tables: dict, src: dict[str, Bi]) -> Slide:
    indicators = tables["indicators"].set_index("indicator_no")
    status = tables["indicator_status"].set_index("indicator_no")["status"].to_dict()
    observed = any(s != "no_data" for s in status.values())
    columns = [text("col_indicator"), text("col_2020"), text("col_2024"), text("col_change"), text("col_status")]
    rows = []
    for no in HIGHLIGHT_INDICATORS:
        if no not in indicators.index:
            continue
        row = {"indicator_no": no, **indicators.loc[no].to_dict()}
        cells = (
            text("indicator_cell", no=no, name=column(row, "name"), unit=column(row, "unit")),
            both(lambda lang, r=row: iv.written(r["baseline_2020_text"], lang)),
            both(lambda lang, r=row: iv.target_text(r, lang)),
            both(lambda lang, r=row: change(r, lang)),
            status_text(status.get(no, "no_data")),
        )
        rows.append(cells)
    table = Table(tuple(columns), tuple(rows), None if observed else text("no_observations"))
    notes = join([text("indicators_notes"), *(join(list(r), Bi("｜", " | ")) for r in rows)])
    return Slide(
        "indicators",
        "table",
        text("indicators_title"),
        src["plan"],
        kicker=text("indicators_kicker", total=len(indicators)),
        table=table,
        notes=notes,
    )


def value_text(row: dict, value: float, written_text: str | None, lang: str) -> str:
    """An observed value as the language writes numbers; a ratio as the department wrote it (2.1:1)."""
    if row["target_kind"] == "ratio" and written_text:
        return str(written_text)
    return iv.with_unit(fmt.number(value, lang), row, lang)


def _chosen(indicators: pd.DataFrame, observed: list[int]) -> list[int]:
    """The indicators drawn: the observed ones (highlights first), else the highlights with a numeric target."""
    if observed:
        return observed[:PROGRESS_PANELS]
    numeric = [no for no in HIGHLIGHT_INDICATORS if no in indicators.index and indicators.loc[no, "target_kind"] != "text"]
    return numeric[:PROGRESS_PANELS]


def _observed_points(panels: list[tuple[dict, pd.DataFrame, str]]) -> list[Bi]:
    """Each drawn indicator's latest observed value, with its status and source."""
    points = []
    for row, rows, state in panels:
        if rows.empty:
            continue
        last = rows.iloc[-1].to_dict()
        points.append(
            text(
                "progress_item",
                status=status_text(state),
                no=row["indicator_no"],
                name=column(row, "name"),
                value=both(lambda lang, r=row, o=last: value_text(r, o["value"], o["value_text"], lang)),
                year=int(last["year"]),
                source=fold(last["source_title"]),
                ref=fold(last["source_ref"]),
            )
        )
    return points


def _description(panels: list[tuple[dict, pd.DataFrame, str]]) -> Bi:
    """The progress picture in words (its alt text): each indicator's path, observed values and status."""

    def observed(row: dict, rows: pd.DataFrame) -> Bi:
        values = [
            both(
                lambda lang, o=o: t(
                    "slides.progress_desc_obs", lang, year=int(o["year"]), value=value_text(row, o["value"], o["value_text"], lang)
                )
            )
            for o in rows.to_dict("records")
        ]
        return join(values or [both(lambda lang: progress.word("no_data", lang))], Bi("，", ", "))

    items = [
        text(
            "progress_desc_item",
            no=row["indicator_no"],
            name=column(row, "name"),
            base=both(lambda lang, r=row: iv.written(r["baseline_2020_text"], lang)),
            target=both(lambda lang, r=row: iv.target_text(r, lang)),
            observed=observed(row, rows),
            status=status_text(state),
        )
        for row, rows, state in panels
    ]
    return text("progress_desc", items=join(items, ITEMS))


def progress_slide(tables: dict, src: dict[str, Bi]) -> Slide:
    """Observed values against the plan's path from the 2020 value to the 2024 target, with each status as an
    icon and a word and each value's source; with no observations, the plan's paths and a plain statement that
    no observed value has been published yet (nothing is invented)."""
    indicators = tables["indicators"].set_index("indicator_no")
    status = tables["indicator_status"].set_index("indicator_no")["status"].to_dict()
    obs = tables["observations"].sort_values(["indicator_no", "year"])
    order = {no: i for i, no in enumerate(HIGHLIGHT_INDICATORS)}
    observed = sorted(set(int(n) for n in obs["indicator_no"]), key=lambda no: (order.get(no, len(order)), no))
    chosen = _chosen(indicators, observed)
    panels = [
        ({"indicator_no": no, **indicators.loc[no].to_dict()}, obs[obs["indicator_no"] == no], status.get(no, "no_data")) for no in chosen
    ]
    points = _observed_points(panels)
    if observed:
        more = len(observed) - len(chosen)
        lead = None  # the title and the items say it; the slide needs the room (the notes keep the sentence)
        notes_lead = text("progress_lead", n=len(observed))
        points.append(text("progress_more", n=more) if more > 0 else text("progress_rule"))
        titles = sorted({fold(title) for title in obs["source_title"]})
        source = text("source_progress", sources=Bi("；".join(titles), "; ".join(titles)))
    else:
        lead = notes_lead = text("progress_none_lead")
        points = [text("progress_none", n=len(indicators))]
        source = src["plan"]
    description = _description(panels)
    data = pd.concat([charts.panel_frame(row, rows, "zh") for row, rows, _ in panels], ignore_index=True)
    key = ((MUTED, text("progress_key_path")), (INK, text("progress_key_observed")))
    title = text("progress_title")
    chart = Chart(
        "indicator-progress",
        lambda lang, export=False: charts.titled(charts.progress_chart(panels, lang), lang, title, source, export),
        data[["indicator_no", "kind", "year", "value"]],
        description,
    )
    return Slide(
        "progress",
        "chart",
        title,
        source,
        kicker=text("progress_kicker"),
        lead=lead,
        points=tuple(points),
        legend=key,
        chart=chart,
        notes=join([notes_lead, description, *points]),
    )
