"""The slides' own charts: horizontal bars of investment, and observed values against the plan's path.

Pure: (data, lang, ...) -> Altair chart; lang is 'zh', 'en' or 'both' (Chinese over English). Sized in pixels
of a 1920×1080 slide, with the big type a screen across a hall needs. On a slide the slide says the chart's
title and source; `titled` adds them for a chart exported on its own (PNG, SVG).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.indicators import values as iv
from components.slides.model import NL, Bi, status_text
from components.theme import ACTION_COLORS, FONT, GRID, INK, MUTED, RULE
from core import fmt
from core.i18n import t
from core.progress import BASE_YEAR, TARGET_YEAR, expected_value
from core.text import clip_lines, wrap_lines

# Type sizes of slide charts in pixels of a 1080-pixel-high slide (the kiosk's floor there is 20 px).
NAME_PX, SUB_PX, AMOUNT_PX = 26, 20, 22
CHART_WIDTH = 1160


def bar_rows(data: pd.DataFrame, names: list[tuple[str, str]], lang: str) -> pd.DataFrame:
    """Bar rows: the name (Chinese over English when lang is 'both'), the amount and share after the bar.

    `data` has investment_yi, share and action_no; `names` is each row's (Chinese, English) name."""
    main = "en" if lang == "en" else "zh"
    money = [
        f"{fmt.amount(v, main)} · {fmt.share_text(s, main)}" + (f" ({fmt.amount(v, 'en')})" if lang == "both" else "")
        for v, s in zip(data["investment_yi"], data["share"], strict=True)
    ]
    return pd.DataFrame(
        {
            "key": [str(i) for i in range(len(data))],
            "name": [en if lang == "en" else zh for zh, en in names],
            "name_sub": [en if lang == "both" else "" for _, en in names],
            "plot": data["investment_yi"].to_numpy() / (10 if lang == "en" else 1),
            "money": money,
            "action_no": data["action_no"].astype(int).to_numpy(),
            "color": [ACTION_COLORS[int(n)] for n in data["action_no"]],
        }
    )


def bars_chart(rows: pd.DataFrame, lang: str, *, key: tuple[tuple[str, Bi], ...] = (), width: int = CHART_WIDTH) -> alt.LayerChart:
    """Horizontal bars for a slide, largest first: each row's name above its bar, amount · share after it.

    Big type (26 px names, 22 px amounts on a 1080p slide); with lang 'both' the English name is a second,
    smaller line. No axis: every bar carries its amount. Bars take their key action's colour; `key` adds
    a legend naming those colours (the slide shows the key beside the chart instead).
    """
    sub = lang == "both"
    step = 78 if sub else 72
    name_px, amount_px, bar_h = (24, 20, 20) if sub else ((24 if lang == "en" else NAME_PX), AMOUNT_PX, 24)
    top = float(rows["plot"].max()) or 1.0
    room = 450 if sub else (330 if lang == "en" else 290)  # the amount after the longest bar
    x_scale = alt.Scale(domain=[0, top * width / (width - room)], nice=False)
    y = alt.Y("key:N", sort=rows["key"].tolist(), axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0.05))
    base = alt.Chart(rows).encode(y=y)
    bar_y, name_y = (24, -13) if sub else (16, -4)  # from the middle of each row's band
    layers = [
        base.mark_bar(height=bar_h, yOffset=bar_y, cornerRadiusEnd=3).encode(
            x=alt.X("plot:Q", scale=x_scale, axis=None), color=alt.Color("color:N", scale=None)
        ),
        base.mark_text(align="left", baseline="bottom", yOffset=name_y, fontSize=name_px, fontWeight=600, color=INK, limit=width).encode(
            x=alt.datum(0, scale=x_scale), text="name:N"
        ),
        base.mark_text(align="left", baseline="middle", yOffset=bar_y, dx=10, fontSize=amount_px, color=INK).encode(
            x=alt.X("plot:Q", scale=x_scale), text="money:N"
        ),
    ]
    if sub:
        layers.append(
            base.mark_text(align="left", baseline="bottom", yOffset=name_y + 22, fontSize=SUB_PX, color=MUTED, limit=width).encode(
                x=alt.datum(0, scale=x_scale), text="name_sub:N"
            )
        )
    if key:
        layers.append(_key_layer(key, lang, width))
    return alt.layer(*layers).properties(width=width, height=alt.Step(step)).configure(font=FONT).configure_view(stroke=None)


def _key_layer(key: tuple[tuple[str, Bi], ...], lang: str, width: int) -> alt.Chart:
    """An invisible layer whose legend names the bars' colours (for a chart exported on its own)."""
    labels = [NL.join(wrap_lines(label(lang), 70)) if lang != "both" else f"{label.zh}{NL}{label.en}" for _, label in key]
    colours = [colour for colour, _ in key]
    legend = alt.Legend(
        title=None,
        orient="bottom",
        direction="vertical",
        labelFontSize=AMOUNT_PX,
        symbolSize=500,
        symbolType="square",
        labelLimit=width,
        labelExpr="split(datum.label, '\\n')",
        labelColor=INK,
        rowPadding=8,
        offset=16,
    )
    return (
        alt.Chart(pd.DataFrame({"label": labels}))
        .mark_point(opacity=0, size=0)
        .encode(color=alt.Color("label:N", scale=alt.Scale(domain=labels, range=colours), legend=legend))
    )


def panel_frame(row: dict, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One indicator's points: the plan's path from the 2020 value to the 2024 target (core.progress, the rule
    the Indicators page draws too) and the observed values (`rows`: year, value, value_text)."""
    frames = []
    if row["target_kind"] != "text" and pd.notna(row["baseline_2020"]) and pd.notna(row["target_2024"]):
        base, target = float(row["baseline_2020"]), float(row["target_2024"])
        frames.append(
            pd.DataFrame(
                {
                    "kind": ["path", "path"],
                    "year": [BASE_YEAR, TARGET_YEAR],
                    "value": [expected_value(base, target, year) for year in (BASE_YEAR, TARGET_YEAR)],
                    "label": [
                        iv.written(row["baseline_2020_text"], lang),
                        t("slides.progress_target", lang, value=iv.target_text(row, lang)),
                    ],
                }
            )
        )
    if not rows.empty:
        # the axis carries the unit, so a label is the bare number, as the path's labels are
        labels = [
            str(w) if row["target_kind"] == "ratio" and w else fmt.number(v, lang)
            for v, w in zip(rows["value"], rows["value_text"], strict=True)
        ]
        observed = pd.DataFrame(
            {"kind": "observed", "year": rows["year"].astype(int), "value": rows["value"].astype(float), "label": labels}
        )
        if frames:  # the observed line starts from the 2020 value
            observed = pd.concat([frames[0].iloc[[0]].assign(kind="observed", label=""), observed], ignore_index=True)
        frames.append(observed)
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["kind", "year", "value", "label"])
    out.insert(0, "indicator_no", int(row["indicator_no"]))
    return out


def progress_panel(row: dict, rows: pd.DataFrame, state: str, lang: str, *, width: int = 440, height: int = 170) -> alt.LayerChart:
    """One indicator: the plan's straight path from the 2020 value to the 2024 target (dashed, grey) and the
    observed values (solid, dark, each labelled); the title names the indicator and its status (icon and word)."""
    main = "en" if lang == "en" else "zh"
    frame = panel_frame(row, rows, main)
    last_year = max(TARGET_YEAR, int(frame["year"].max()) if not frame.empty else TARGET_YEAR)
    x = alt.X(
        "year:Q",
        scale=alt.Scale(domain=[BASE_YEAR - 0.5, last_year + 0.5], nice=False),
        axis=alt.Axis(
            values=list(range(BASE_YEAR, last_year + 1)),
            format="d",
            title=None,
            labelFontSize=SUB_PX,
            grid=False,
            labelColor=INK,
            tickColor=RULE,
            domainColor=RULE,
        ),
    )
    unit_title = iv.unit(row, main) if row["target_kind"] != "ratio" else ""
    y = alt.Y(
        "value:Q",
        scale=alt.Scale(zero=False, padding=24),
        axis=alt.Axis(
            title=unit_title or None,
            titleFontSize=SUB_PX,
            labelFontSize=SUB_PX,
            tickCount=3,
            labelColor=INK,
            titleColor=MUTED,
            gridColor=GRID,
            domain=False,
            ticks=False,
        ),
    )
    base = alt.Chart(frame).encode(x=x, y=y)
    path, seen = base.transform_filter("datum.kind == 'path'"), base.transform_filter("datum.kind == 'observed'")
    layers = [
        path.mark_line(strokeDash=[10, 7], strokeWidth=3, color=MUTED),
        path.mark_point(size=160, strokeWidth=3, color=MUTED, filled=False),
        path.mark_text(dy=-22, fontSize=SUB_PX, color=MUTED, fontWeight=600).encode(text="label:N"),
        seen.mark_line(strokeWidth=4, color=INK),
        seen.transform_filter("datum.label != ''").mark_point(size=240, filled=True, color=INK, opacity=1),
        seen.mark_text(dy=24, fontSize=SUB_PX, color=INK, fontWeight=700).encode(text="label:N"),
    ]
    names = [f"{row['indicator_no']} · {row['name_zh']}", f"{row['indicator_no']} · {row['name_en']}"]
    # at most two lines of the name (the slide's description and the Indicators page give it in full)
    if lang == "both":
        lines = clip_lines(names[0], 40, 2) + clip_lines(names[1], 48, 1)
        sub = f"{status_text(state).zh} · {status_text(state).en}"
    else:
        lines = clip_lines(names[1] if lang == "en" else names[0], 44, 2)
        sub = status_text(state)(lang)
    return alt.layer(*layers).properties(
        width=width,
        height=height,
        title=alt.TitleParams(
            lines,
            subtitle=[sub],
            fontSize=NAME_PX - 2,
            subtitleFontSize=SUB_PX + 2,
            anchor="start",
            color=INK,
            subtitleColor=INK,
            subtitleFontWeight=600,
            offset=10,
        ),
    )


def progress_chart(panels: list[tuple[dict, pd.DataFrame, str]], lang: str) -> alt.VConcatChart:
    """The progress slide's picture: up to four indicators in a 2 × 2 grid (progress_panel)."""
    charts = [progress_panel(row, rows, state, lang) for row, rows, state in panels]
    grid = [alt.hconcat(*charts[i : i + 2], spacing=56) for i in range(0, len(charts), 2)]
    return alt.vconcat(*grid, spacing=36).configure(font=FONT).configure_view(stroke=None).configure_concat(spacing=36)


def titled(chart: alt.TopLevelMixin, lang: str, title: Bi, source: Bi, export: bool, note: Bi | None = None) -> alt.TopLevelMixin:
    """A stand-alone export carries its title and source line (and `note`, a map's review number); on a slide the
    slide says them."""
    if not export:
        return chart
    lines = [title.zh, title.en] if lang == "both" else [title(lang)]
    subtitle = [p for b in (source, note) if b for p in ([b.zh, b.en] if lang == "both" else [b(lang)])]
    return chart.properties(
        title=alt.TitleParams(
            lines, subtitle=subtitle, fontSize=30, subtitleFontSize=AMOUNT_PX, anchor="start", color=INK, subtitleColor=MUTED, offset=20
        )
    )
