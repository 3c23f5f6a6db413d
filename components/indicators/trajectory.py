"""Progress since 2020, drawn: an indicator's observed values against the straight path from its 2020 value to
its 2024 target (or the bound a target already met in 2020 holds), with the description in words.

Pure: (indicator row, observations, lang, …) -> DataFrame, alt.LayerChart or str; no st.* here. The path
is core.progress's (expected_value); the colours are components.theme's.
"""

from __future__ import annotations

import unicodedata

import altair as alt
import pandas as pd

from components.indicators.status import observed_text, status_sentence
from components.indicators.values import target_text, target_words, unit, with_unit, written
from components.theme import INK, LINK, MUTED, SOFT
from core import progress
from core.i18n import t
from core.progress import BASE_YEAR, TARGET_YEAR, expected_value
from core.text import missing

OBSERVED = LINK  # observed values: the link colour, as in the list of their sources
KINDS = ("observed", "path", "bound", "target", "baseline")  # the legend's order
COLOURS = {"observed": OBSERVED, "path": MUTED, "bound": MUTED, "target": INK, "baseline": SOFT}
SHAPES = {"observed": "circle", "path": "stroke", "bound": "stroke", "target": "diamond", "baseline": "square"}


def trajectory_frame(row: dict, observations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What the trajectory chart draws, one row per point: the plan's 2020 value and 2024 target, the straight
    path between them (or, for a target the 2020 value already met, the bound held), and the observed values.

    A text target has no target point and no path. Ratios are drawn by their first term (x of x:1).
    """
    series = {k: t(f"indicators.traj_{k}", lang) for k in ("observed", "path", "bound", "baseline", "target")}
    base = None if missing(row["baseline_2020"]) else float(row["baseline_2020"])
    target = None if row["target_kind"] == "text" or missing(row["target_2024"]) else float(row["target_2024"])
    last = max([TARGET_YEAR, *observations["year"].astype(int)])
    rows = []

    def add(kind: str, year: int, value: float, label: str, source: str) -> None:
        rows.append({"kind": kind, "series": series[kind], "year": year, "value": value, "label": label, "source": source})

    def short(text: str) -> str:  # the axis carries a long unit; a label keeps only % (and x:1 for ratios)
        return f"{text}%" if row["baseline_kind"] != "ratio" and unit(row, lang) == "%" else text

    plan = t("indicators.traj_plan_source", lang)
    if target is not None and base is not None:
        if row["met_in_2020"] is True:  # the target holds a level already reached: the bound, not a path
            for year in (BASE_YEAR, last):
                add("bound", year, target, target_words(row, lang), plan)
        else:
            for year in (BASE_YEAR, TARGET_YEAR):
                add("path", year, expected_value(base, target, year), target_words(row, lang), plan)
    if base is not None:
        add("baseline", BASE_YEAR, base, short(written(row["baseline_2020_text"], lang)), plan)
    if target is not None:
        add("target", TARGET_YEAR, target, short(target_text(row, lang)), plan)
    for obs in observations.sort_values("year").to_dict("records"):
        value_text = unicodedata.normalize("NFKC", str(obs["value_text"]))
        add("observed", int(obs["year"]), float(obs["value"]), short(value_text), str(obs["source_title"]))
    frame = pd.DataFrame(rows)
    # An observed value's label goes on the side away from the dashed line, so that the line never crosses it.
    line = None
    if target is not None and base is not None:
        line = (lambda y: target) if row["met_in_2020"] is True else (lambda y: expected_value(base, target, y))
    frame["label_above"] = [
        k == "observed" and (line is None or v >= line(y)) for k, y, v in zip(frame["kind"], frame["year"], frame["value"], strict=True)
    ]
    return frame


def trajectory_chart(row: dict, observations: pd.DataFrame, lang: str, description: str = "") -> alt.LayerChart:
    """Years across, values up: the dashed straight path from the 2020 value to the 2024 target (as
    core/progress.py defines it), the 2020 and 2024 points of the plan, and the observed values
    joined by a line, each labelled with its value as written. Legend on top; no colour stands alone.
    """
    frame = trajectory_frame(row, observations, lang)
    present = [k for k in KINDS if (frame["kind"] == k).any()]
    names = [frame.loc[frame["kind"] == k, "series"].iloc[0] for k in present]
    colour = alt.Color(
        "series:N",
        scale=alt.Scale(domain=names, range=[COLOURS[k] for k in present]),
        legend=alt.Legend(title=None, orient="top", direction="vertical", columns=1, labelLimit=340, symbolType="circle"),
    )
    shape = alt.Shape("series:N", scale=alt.Scale(domain=names, range=[SHAPES[k] for k in present]), legend=None)
    last = max(TARGET_YEAR, int(frame["year"].max()))
    years = list(range(BASE_YEAR, last + 1))
    x = alt.X("year:Q", scale=alt.Scale(domain=[BASE_YEAR - 0.4, last + 0.6], nice=False),
              axis=alt.Axis(values=years, format="d", title=t("indicators.traj_axis_year", lang), grid=False))  # fmt: skip
    lo, hi = float(frame["value"].min()), float(frame["value"].max())
    pad = (hi - lo) * 0.25 or abs(hi) * 0.1 or 1.0
    if row["baseline_kind"] == "ratio":
        y_title = t("indicators.traj_axis_ratio", lang)
    else:
        y_title = "%" if unit(row, lang) == "%" else unit(row, lang)
    y = alt.Y("value:Q", scale=alt.Scale(domain=[lo - pad, hi + pad], zero=False, nice=False),
              axis=alt.Axis(title=y_title, tickCount=5, labelExpr="replace(format(datum.value, ',~r'), '-', '−')"))  # fmt: skip
    tooltip = [
        alt.Tooltip("series:N", title=t("indicators.traj_tt_series", lang)),
        alt.Tooltip("year:Q", title=t("indicators.traj_axis_year", lang), format="d"),
        alt.Tooltip("label:N", title=t("indicators.traj_tt_value", lang)),
        alt.Tooltip("source:N", title=t("indicators.obs_source", lang)),
    ]
    base = alt.Chart(frame).encode(x=x, y=y)
    points = base.transform_filter("datum.kind != 'path' && datum.kind != 'bound'")
    layers = [
        base.transform_filter("datum.kind == 'path' || datum.kind == 'bound'")
        .mark_line(strokeDash=[6, 4], strokeWidth=2)
        .encode(color=colour, detail="kind:N"),
        base.transform_filter("datum.kind == 'observed'").mark_line(strokeWidth=2, color=OBSERVED),
        points.mark_point(filled=True, size=110, opacity=1).encode(color=colour, shape=shape, tooltip=tooltip),
        points.transform_filter("datum.kind == 'observed' && datum.label_above")
        .mark_text(dy=-15, fontSize=12.5, fontWeight=700, color=OBSERVED)
        .encode(text="label:N"),
        points.transform_filter("datum.kind == 'observed' && !datum.label_above")
        .mark_text(dy=17, fontSize=12.5, fontWeight=700, color=OBSERVED)
        .encode(text="label:N"),
        points.transform_filter("datum.kind != 'observed'").mark_text(dy=16, fontSize=12, color=MUTED).encode(text="label:N"),
    ]
    title = alt.TitleParams(
        [t("indicators.traj_title_1", lang), t("indicators.traj_title_2", lang)],
        subtitle=[t("indicators.traj_source_1", lang), t("indicators.traj_source_2", lang)],
        limit=alt.ExprRef("width"),
        subtitleFontSize=12,
    )
    # fit-x: Streamlit stretches the width to the container and keeps the plot's height (the PNG keeps 720).
    return alt.layer(*layers).properties(
        title=title, width=720, height=260, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        description=description or title.text[0],
    )  # fmt: skip


def trajectory_view(row: dict, status: str, observations: pd.DataFrame, lang: str) -> tuple[alt.LayerChart, pd.DataFrame, str]:
    """The trajectory chart, the data behind it (as drawn, without layout columns) and its description."""
    about = trajectory_description(row, status, observations, lang)
    frame = trajectory_frame(row, observations, lang).drop(columns="label_above")
    return trajectory_chart(row, observations, lang, about), frame, about


def trajectory_description(row: dict, status: str, observations: pd.DataFrame, lang: str) -> str:
    """What the trajectory chart shows, in words: the plan's two values, every observed value, the status and why."""
    items = observations.sort_values("year").to_dict("records")
    obs = t("indicators.traj_obs_sep", lang).join(
        t("indicators.traj_obs_item", lang, value=observed_text(o, row, lang), year=int(o["year"])) for o in items
    )
    base = with_unit(written(row["baseline_2020_text"], lang), row, lang)
    if row["target_kind"] == "text":
        head = t("indicators.traj_desc_text", lang, base=base, target=target_text(row, lang), observed=obs)
    else:
        path = "traj_desc_bound" if row["met_in_2020"] is True else "traj_desc"
        head = t(f"indicators.{path}", lang, base=base, target=target_words(row, lang), observed=obs)
    why = t("indicators.traj_status", lang, label=progress.label(status, lang), why=status_sentence(row, status, observations, lang))
    return head + ("" if lang == "zh" else " ") + why
