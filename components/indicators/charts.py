"""The change each indicator requires from its 2020 value to its 2024 target, as a chart: horizontal bars in %
of the 2020 value, signed so that positive = progress, grouped by category, with the description in words.

Pure: (DataFrame, lang, …) -> DataFrame, alt.LayerChart or str; no st.* here. Colours from components.theme.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.indicators.table import indicator_table
from components.indicators.values import any_change, categories, change_texts, direction_label, status_of, target_words, with_unit, written
from components.theme import HOLD, INK, MUTED, REQUIRED
from core import fmt
from core.i18n import col, t

STEP = 40  # pixels per chart row: the name line above, the bar below


def chart_frame(indicators: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per category heading and per indicator, in table order, with what the chart draws and says."""
    rows = []
    status_names = {s: t(f"indicators.status_{s}", lang) for s in ("required", "hold", "text")}
    for c, category in enumerate(categories(indicators, lang), start=1):
        members = indicators[indicators[col(lang, "category")] == category].sort_values("indicator_no")
        rows.append({"key": f"c{c}", "kind": "category", "label": category})
        for row in members.to_dict("records"):
            status, change, way = status_of(row), change_texts(row, lang), any_change(row)
            arrow = direction_label(row["direction"], lang).split(" ")[0]
            value_text = t("indicators.chart_text_target", lang) if change is None else change[2]
            rows.append(
                {
                    "key": f"i{int(row['indicator_no'])}",
                    "kind": "indicator",
                    "indicator_no": int(row["indicator_no"]),
                    "label": f"{int(row['indicator_no'])} {arrow} {row[col(lang, 'name')]}",
                    "name": row[col(lang, "name")],
                    "category": category,
                    "progress_pct": None if status == "text" else float(row["improvement_pct"]),
                    "status": status_names[status],
                    "value_text": t(f"indicators.chart_any_{way}", lang) if way else value_text,
                    "baseline": with_unit(written(row["baseline_2020_text"], lang), row, lang),
                    "target": target_words(row, lang),
                    "direction": direction_label(row["direction"], lang),
                    "change": "—" if change is None else f"{change[0]} ({change[1]})",
                }
            )
    return pd.DataFrame(rows)


def change_chart(indicators: pd.DataFrame, lang: str, description: str = "") -> alt.LayerChart:
    """Horizontal bars: change required 2020 -> 2024 in % of the 2020 value, signed so that positive = progress.

    Grouped by category (a heading row per category), a name line above each bar, the value after it,
    coloured by whether the 2020 value already met the target (hold) or improvement is required, with
    a zero line. The x scale is linear (no clipping) and leaves room for the value labels.
    """
    frame = chart_frame(indicators, lang)
    order = frame["key"].tolist()
    values = frame["progress_pct"].dropna()
    lo, hi = (min(0.0, float(values.min())), max(0.0, float(values.max()))) if len(values) else (0.0, 1.0)
    span = (hi - lo) or 1.0
    # Room for the value text beyond the longest bar on each side that has bars (about 45 px on a phone).
    scale = alt.Scale(domain=[lo - (0.16 * span if lo < 0 else 0), hi + 0.3 * span], nice=False, zero=True)
    y = alt.Y("key:N", sort=order, axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0.2))
    statuses = [t(f"indicators.status_{s}", lang) for s in ("required", "hold")]
    colour = alt.Color(
        "status:N",
        scale=alt.Scale(domain=statuses, range=[REQUIRED, HOLD]),
        legend=alt.Legend(title=None, orient="top", direction="vertical", columns=1, labelLimit=340),
    )
    tooltip = [
        alt.Tooltip("name:N", title=t("indicators.tt_indicator", lang)),
        alt.Tooltip("category:N", title=t("indicators.tt_category", lang)),
        alt.Tooltip("baseline:N", title=t("indicators.tt_2020", lang)),
        alt.Tooltip("target:N", title=t("indicators.tt_2024", lang)),
        alt.Tooltip("direction:N", title=t("indicators.tt_direction", lang)),
        alt.Tooltip("change:N", title=t("indicators.tt_change", lang)),
        alt.Tooltip("value_text:N", title=t("indicators.tt_progress", lang)),
        alt.Tooltip("status:N", title=t("indicators.tt_status", lang)),
    ]
    base = alt.Chart(frame).encode(y=y)
    bars = base.transform_filter("isValid(datum.progress_pct)")
    # No grid and no full-height zero rule: both would run through the name lines; a tick per bar marks zero.
    axis = alt.Axis(title=t("indicators.chart_axis", lang), orient="top", tickCount=5, grid=False,
                    labelExpr="replace(format(datum.value, ',~r'), '-', '−') + '%'")  # fmt: skip
    x = alt.X("progress_pct:Q", scale=scale, axis=axis)
    layers = [
        bars.mark_bar(size=13, yOffset=8).encode(x=x, color=colour, tooltip=tooltip),
        base.transform_filter("datum.kind == 'indicator'")
        .transform_calculate(zero="0")
        .mark_tick(color=INK, thickness=1.2, size=22, orient="vertical", yOffset=8)
        .encode(x=alt.X("zero:Q", scale=scale)),
        base.transform_filter("datum.kind == 'category'")
        .mark_text(align="left", baseline="bottom", yOffset=6, fontSize=14, fontWeight=700, color=INK, limit=alt.ExprRef("width"))
        .encode(x=alt.value(0), text="label:N"),
        base.transform_filter("datum.kind == 'indicator'")
        .mark_text(align="left", baseline="bottom", yOffset=-1, fontSize=12.5, color=INK, limit=alt.ExprRef("width"))
        .encode(x=alt.value(0), text="label:N", tooltip=tooltip),
        bars.transform_filter("datum.progress_pct >= 0")
        .mark_text(align="left", baseline="middle", yOffset=8, dx=4, fontSize=12, color=MUTED)
        .encode(x=x, text="value_text:N"),
        bars.transform_filter("datum.progress_pct < 0")
        .mark_text(align="right", baseline="middle", yOffset=8, dx=-4, fontSize=12, color=MUTED)
        .encode(x=x, text="value_text:N"),
        base.transform_filter("datum.kind == 'indicator' && !isValid(datum.progress_pct)")
        .mark_text(align="left", baseline="middle", yOffset=8, dx=5, fontSize=12, fontStyle="italic", color=MUTED)
        .encode(x=alt.X("zero:Q", scale=scale), text="value_text:N")
        .transform_calculate(zero="0"),
    ]
    title = alt.TitleParams(
        [t("indicators.chart_title_1", lang), t("indicators.chart_title_2", lang)],
        subtitle=[t("indicators.chart_source_1", lang), t("indicators.chart_source_2", lang)],
        limit=alt.ExprRef("width"),
        subtitleFontSize=12,
    )
    # The width is for the PNG/SVG export; on the page Streamlit stretches the chart to its container.
    return alt.layer(*layers).properties(title=title, width=720, height=alt.Step(STEP), description=description or title.text[0])


def change_view(indicators: pd.DataFrame, lang: str, states: pd.DataFrame | None = None) -> tuple[alt.LayerChart, pd.DataFrame, str]:
    """The change chart with its description, and the indicator table (`indicator_table`) as the data behind it."""
    description = chart_description(indicators, lang)
    return change_chart(indicators, lang, description), indicator_table(indicators, lang, states), description


def chart_description(indicators: pd.DataFrame, lang: str) -> str:
    """What the chart shows, in words: counts, the largest required change, hold targets, ratio and text notes."""
    numeric = indicators[indicators["target_kind"] != "text"]
    if numeric.empty:
        parts = [t("indicators.chart_desc_none", lang)]
    else:
        required = numeric[numeric["met_in_2020"] != True]  # noqa: E712 (pandas boolean column with NA)
        top = numeric.loc[numeric["improvement_pct"].idxmax()]
        parts = [
            t("indicators.chart_desc", lang, n=len(numeric), req=len(required), hold=len(numeric) - len(required),
              top_name=f"{int(top['indicator_no'])} {top[col(lang, 'name')]}", top_value=fmt.signed_percent(top["improvement_pct"], lang))
        ]  # fmt: skip
        if (indicators["direction"] == "decrease").any():
            parts.append(t("indicators.chart_note_direction", lang))
    if (indicators["target_kind"] == "ratio").any():
        parts.append(t("indicators.chart_note_ratio", lang))
    if (indicators["target_kind"] == "text").any():
        parts.append(t("indicators.chart_note_text", lang))
    return ("" if lang == "zh" else " ").join(parts)
