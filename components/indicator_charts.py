"""Builders for the indicators page: the change-required chart, the list by category, the detail and the table,
and progress since 2020 (observed values against the path to the target, with a status).

All pure: (DataFrame or row, lang, ...) -> alt.Chart, DataFrame or an escaped HTML string; no st.* here.
Values are shown as the plan's indicator table writes them (＞70, ≤0.047, 1.4:1, a text target); the
numbers behind them are used only to compute the change required. In English the full-width signs of
the source (＞) are shown in their ASCII form (>), which is the same sign.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape
from urllib.parse import urlencode

import altair as alt
import pandas as pd
from babel.dates import format_date

from components.indicators.values import (  # noqa: F401  (moved; the indicators refactor takes them from there)
    CMP_KEYS,
    any_change,
    categories,
    category_option,
    change_line,
    change_number,
    change_texts,
    change_unit,
    comparator_words,
    direction_label,
    notes_flag,
    status_of,
    target_text,
    target_words,
    unit,
    with_unit,
    written,
)
from components.theme import ACTION_COLORS, GRID, INK, MUTED
from core import fmt
from core.i18n import col, t
from core.progress import BASE_YEAR, TARGET_YEAR, expected_value
from core.text import missing


def _text(value) -> str:
    return "" if missing(value) else str(value)


REQUIRED_COLOUR = "#2f4b5a"  # dark slate: not an action colour, since categories are not actions
HOLD_COLOUR = "#a7b3ba"  # light grey-blue: targets that the 2020 value already meets
_STEP = 40  # pixels per chart row: the name line above, the bar below

# The progress status vocabulary, for every page and slide that shows a status: always the icon AND the word
# (status_label), never the colour alone. The words are locales/*/indicators.toml `progress_<status>`; the
# rule itself is pipeline/progress.py (stated on the About page).
PROGRESS_STATUSES = ("achieved", "on_track", "off_track", "not_assessable", "no_data")
STATUS_ICONS = {"achieved": "✓", "on_track": "↗", "off_track": "⚠", "not_assessable": "?", "no_data": "–"}
STATUS_COLOURS = {"achieved": "#1f7a4d", "on_track": "#6f9f2f", "off_track": "#b8322a", "not_assessable": "#7d8a93",
                  "no_data": "#8a959c"}  # fmt: skip
OBSERVED_COLOUR = "#0b5a8a"

CSS = f"""<style>
.ind-list{{display:grid;grid-template-columns:repeat(auto-fill,minmax(290px,1fr));gap:.6rem;margin:.3rem 0 1.2rem}}
.ind-item{{display:block;background:#fff;border:1px solid {GRID};border-radius:6px;padding:.65rem .8rem;color:{INK}!important;
  text-decoration:none!important;min-width:0}}
.ind-item:hover,.ind-item:focus{{border-color:#0b5a8a;box-shadow:0 0 0 1px #0b5a8a}}
.ind-item.sel{{border:2px solid {INK}}}
.ind-top{{display:flex;gap:.45rem;align-items:baseline}}
.ind-no{{font-weight:700;color:{MUTED};min-width:1.5rem;flex:none}}
.ind-name{{font-weight:600;line-height:1.3;overflow-wrap:anywhere}}
.ind-vals{{margin:.35rem 0 .2rem;line-height:1.4;overflow-wrap:anywhere}}
.ind-vals b{{font-size:1.1rem}}
.ind-vals .y{{color:{MUTED};font-size:.85rem;margin-right:.2rem}}
.ind-unit{{color:{MUTED};font-size:.85rem}}
.ind-meta{{font-size:.86rem;color:#3d4a52;line-height:1.45;overflow-wrap:anywhere}}
.ind-flag{{display:inline-block;font-size:.76rem;border-radius:999px;padding:0 .5rem;margin:.35rem .3rem 0 0;background:#eef1f3}}
.ind-flag.hold{{background:#e3ecf0}}.ind-flag.note{{background:#fff1d6}}
.ind-figs{{display:grid;grid-template-columns:repeat(auto-fit,minmax(135px,1fr));gap:.5rem;margin:.4rem 0 .8rem}}
.ind-fig{{background:#fff;border:1px solid {GRID};border-radius:6px;padding:.6rem .75rem;min-width:0}}
.ind-fig .v{{font-size:1.45rem;font-weight:700;line-height:1.2;overflow-wrap:anywhere}}
.ind-fig .v.txt{{font-size:1.02rem;font-weight:600}}
.ind-fig .u{{color:{MUTED};font-size:.85rem;margin-left:.2rem;font-weight:400}}
.ind-fig .l{{font-size:.85rem;color:{MUTED};margin-top:.25rem}}
.ind-facts{{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.35rem 1rem;
  margin:.2rem 0 .6rem!important;padding:0!important}}
.ind-facts dt{{color:{MUTED}}}.ind-facts dd{{margin:0;min-width:0;overflow-wrap:anywhere}}
.ind-explain{{background:#f1f5f7;border-left:4px solid {REQUIRED_COLOUR};padding:.5rem .8rem;border-radius:4px;margin:.2rem 0 .6rem}}
.ind-progs{{list-style:none;padding:0!important;margin:.2rem 0!important}}
.ind-progs li{{border-left:4px solid var(--accent,{MUTED});padding:.25rem .7rem;margin:.45rem 0!important;background:#fff}}
.ind-progs .why{{font-size:.9rem;color:#3d4a52}}
.ind-progs .ev{{font-size:.82rem;color:{MUTED}}}
.ind-none{{font-size:.875rem;color:{MUTED};margin:.2rem 0 .5rem}}
.pg-chip{{display:inline-flex;align-items:baseline;gap:.3rem;border:1px solid var(--st);border-left-width:4px;border-radius:4px;
  padding:.05rem .5rem;background:#fff;font-size:.9rem;white-space:nowrap}}
.pg-chip .i{{font-weight:700;color:var(--st)}}.pg-chip b{{margin-left:.15rem}}
.pg-empty{{background:#f3f6f8;border:1px solid {GRID};border-left:4px solid #7d8a93;border-radius:6px;padding:.75rem 1rem;
  margin:.2rem 0 .6rem}}
.pg-empty .h{{font-weight:700;font-size:1.02rem;margin:0 0 .3rem}}
.pg-empty p{{margin:.2rem 0 .4rem;line-height:1.5}}
.pg-defs{{display:grid;grid-template-columns:repeat(auto-fit,minmax(250px,1fr));gap:.35rem .9rem;margin:.5rem 0 .2rem!important;
  padding:0!important;list-style:none}}
.pg-defs li{{margin:0!important;font-size:.9rem;line-height:1.4;color:#3d4a52}}
.pg-defs .pg-chip{{margin-right:.35rem}}
.pg-sum{{margin:.1rem 0 .5rem}}
.pg-legend{{display:flex;flex-wrap:wrap;gap:.4rem;margin:.2rem 0 .8rem!important;padding:0!important;list-style:none}}
.pg-legend li{{margin:0!important}}
.pg-cats{{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:.7rem;margin-bottom:.6rem}}
.pg-cat{{background:#fff;border:1px solid {GRID};border-radius:6px;padding:.6rem .8rem;min-width:0}}
.pg-cat .h{{font-weight:700;margin:0 0 .25rem;line-height:1.3}}
.pg-cat .c{{font-size:.86rem;color:#3d4a52;margin:0 0 .45rem}}
.pg-tiles{{display:flex;flex-wrap:wrap;gap:.3rem}}
.pg-tile{{display:inline-flex;align-items:center;justify-content:center;gap:.2rem;min-width:3.1rem;height:2rem;border-radius:4px;
  border:1px solid var(--st);border-bottom-width:3px;background:#fff;color:{INK}!important;text-decoration:none!important;font-size:.88rem}}
.pg-tile .i{{font-weight:700;color:var(--st)}}
.pg-tile.none{{border-style:dashed;border-bottom-width:1px;color:{MUTED}!important}}
.pg-tile:hover,.pg-tile:focus{{box-shadow:0 0 0 2px #0b5a8a}}
.pg-status{{display:flex;flex-wrap:wrap;gap:.3rem .6rem;align-items:baseline;margin:.2rem 0 .5rem}}
.pg-status .pg-chip{{font-size:1rem;font-weight:600}}
.pg-obs{{list-style:none;padding:0!important;margin:.3rem 0 .6rem!important}}
.pg-obs li{{border-left:4px solid {OBSERVED_COLOUR};background:#fff;padding:.35rem .7rem;margin:.4rem 0!important;line-height:1.45;
  overflow-wrap:anywhere}}
.pg-obs .v{{font-weight:700;font-size:1.05rem}}.pg-obs .y{{color:{MUTED};margin-left:.3rem}}
.pg-obs .src{{font-size:.88rem;color:#3d4a52}}.pg-obs cite{{font-style:normal;font-weight:600}}
.ind-flag.pg{{background:#fff;border:1px solid var(--st)}}
.st-key-indicator-category button{{height:auto!important;max-width:100%}}
.st-key-indicator-chapters a p{{white-space:normal!important;overflow:visible!important;text-overflow:clip!important}}
.st-key-indicator-category button p{{white-space:normal!important;overflow:visible!important;text-overflow:clip!important;text-align:left}}
@media (max-width:640px){{.ind-facts{{grid-template-columns:1fr;gap:.1rem}}.ind-facts dd{{margin-bottom:.35rem}}
  .ind-list{{grid-template-columns:1fr}}}}
</style>"""


def indicator_list_html(
    rows: pd.DataFrame, lang: str, params: dict[str, str], selected: int | None = None, progress: pd.DataFrame | None = None
) -> str:
    """One tappable card per indicator: values as written, unit, direction, change required, units, flags.

    Each card links to the same page with `indicator=N` added to `params` (the rest of the URL state).
    With `progress` (indicator_status rows), an indicator with observed values also shows its status.
    """
    states = {} if progress is None else {int(r["indicator_no"]): r for r in progress.to_dict("records")}
    items = []
    for row in rows.to_dict("records"):
        no = int(row["indicator_no"])
        href = "?" + urlencode({**params, "indicator": no})
        flags, status = [], status_of(row)
        unit_html = "" if row["baseline_kind"] == "ratio" else f' <span class="ind-unit">{escape(unit(row, lang))}</span>'
        if status == "text":  # the unit belongs to the 2020 value; the target is words
            target_html = f"<span>{escape(target_text(row, lang))}</span>"
            base_html = f"<b>{escape(written(row['baseline_2020_text'], lang))}</b>{unit_html}"
            unit_html = ""
        else:
            target_html = f"<b>{escape(target_text(row, lang))}</b>"
            base_html = f"<b>{escape(written(row['baseline_2020_text'], lang))}</b>"
        if status != "required":
            flags.append(f'<span class="ind-flag hold">{escape(t(f"indicators.status_{status}", lang))}</span>')
        if row["target_kind"] == "ratio":
            flags.append(f'<span class="ind-flag">{escape(t("indicators.flag_ratio", lang))}</span>')
        if row.get("notes"):
            flags.append(f'<span class="ind-flag note">⚠ {escape(notes_flag(int(row["notes"]), lang))}</span>')
        if (state := states.get(no)) and state["status"] != "no_data":
            flags.insert(0, _status_flag(state, lang))
        items.append(
            f'<a class="ind-item{" sel" if no == selected else ""}" href="{escape(href)}" target="_self">'
            f'<div class="ind-top"><span class="ind-no">{no}</span><span class="ind-name">{escape(row[col(lang, "name")])}</span></div>'
            f'<div class="ind-vals"><span class="y">{escape(t("indicators.label_2020", lang))}</span>'
            f"{base_html} → "
            f'<span class="y">{escape(t("indicators.label_2024", lang))}</span>{target_html}{unit_html}</div>'
            f'<div class="ind-meta">{escape(direction_label(row["direction"], lang))} · {escape(change_line(row, lang))}<br>'
            f"{escape(t('indicators.depts_short', lang, depts=_text(row[col(lang, 'depts')]) or '—'))}</div>"
            f"{''.join(flags)}</a>"
        )
    return f'<div class="ind-list">{"".join(items)}</div>'


# ---------------------------------------------------------------- one indicator in detail


def option_label(row: dict | None, lang: str) -> str:
    """'17 · Energy consumption per unit of GDP'; no row reads '— Choose an indicator —'."""
    if row is None:
        return t("indicators.choose_indicator", lang)
    return t("indicators.indicator_option", lang, no=int(row["indicator_no"]), name=row[col(lang, "name")])


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


def figures_html(row: dict, lang: str) -> str:
    """The figures (2020 and 2024 as written, change required, direction) and the sentence needed to read them."""

    def fig(value: str, label: str, unit_text: str = "", small: bool = False) -> str:
        u = f'<span class="u">{escape(unit_text)}</span>' if unit_text else ""
        value_html = f'<div class="v{" txt" if small else ""}">{escape(value)}{u}</div>'
        return f'<div class="ind-fig">{value_html}<div class="l">{escape(label)}</div></div>'

    is_ratio = row["baseline_kind"] == "ratio"
    unit_text = "" if is_ratio else unit(row, lang)
    text_target = row["target_kind"] == "text"
    figs = [
        fig(written(row["baseline_2020_text"], lang), t("indicators.detail_baseline", lang), unit_text),
        fig(target_text(row, lang), t("indicators.detail_target", lang), "" if text_target else unit_text, small=text_target),
    ]
    change = change_texts(row, lang)
    if change:
        kind = "bound" if status_of(row) == "hold" else "change"
        figs.append(fig(fmt.signed(row["change_abs"], lang), t(f"indicators.detail_{kind}_abs", lang), change_unit(row, lang)))
        figs.append(fig(change[1], t(f"indicators.detail_{kind}_rel", lang)))
    figs.append(fig(direction_label(row["direction"], lang), t("indicators.detail_direction", lang), small=True))
    note = explanation(row, lang)
    note_html = f'<div class="ind-explain">{escape(note)}</div>' if note else ""
    return f'<div class="ind-figs">{"".join(figs)}</div>{note_html}'


def facts_html(row: dict, lang: str) -> str:
    """Category, unit and where it comes from, target in words, progress required, units, the source wording."""
    change = change_texts(row, lang)
    basis = t("indicators.unit_context" if row["unit_basis"] == "context" else "indicators.unit_name", lang)
    facts = [
        (t("indicators.detail_category", lang), row[col(lang, "category")]),
        (t("indicators.detail_unit", lang), t("indicators.unit_with_basis", lang, unit=unit(row, lang), basis=basis)),
        (t("indicators.detail_target_words", lang), target_words(row, lang)),
    ]
    if change:
        facts.append((t("indicators.detail_progress", lang), f"{change[2]} · {t(f'indicators.status_{status_of(row)}', lang)}"))
    facts.append((t("indicators.detail_depts", lang), _text(row[col(lang, "depts")]) or "—"))
    source = " · ".join([row["name_as_written"], row["baseline_2020_text"], row["target_2024_text"], _text(row["depts_as_written"])])
    facts.append((t("indicators.detail_source", lang), source.strip(" ·")))
    dl = "".join(
        f"<dt>{escape(k)}</dt><dd{' lang=zh' if i == len(facts) - 1 else ''}>{escape(' '.join(str(v).split()))}</dd>"
        for i, (k, v) in enumerate(facts)
    )
    return f'<dl class="ind-facts">{dl}</dl>'


def notes_html(notes: pd.DataFrame, lang: str) -> str:
    """The data notes on one indicator, each labelled with its kind (contradiction, ambiguity, typo)."""
    items = []
    for note in notes.to_dict("records"):
        kind = t(f"indicators.note_kind_{note['kind']}", lang)
        items.append(f'<div class="ordos-note" role="note"><strong>⚠ {escape(kind)}:</strong> {escape(note[col(lang, "note")])}</div>')
    return "".join(items)


def programs_html(programs: pd.DataFrame, lang: str) -> str:
    """Related key programs: number and name (action colour), why they relate, and the plan's words behind the link.

    Ends with the caveat that the links are an editorial reading; says so plainly when there is none.
    """
    if programs.empty:
        return f'<p class="ind-none">{escape(t("indicators.programs_none", lang))}</p>'
    items = []
    for p in programs.to_dict("records"):
        colour = ACTION_COLORS.get(int(p["action_no"]), MUTED)
        label = t("indicators.program_item", lang, no=int(p["program_no"]))
        items.append(
            f'<li style="--accent:{escape(colour)}"><strong>{escape(label)} · {escape(p[col(lang, "name")])}</strong>'
            f'<div class="why">{escape(p[col(lang, "reason")])}</div>'
            f'<div class="ev">{escape(t("indicators.evidence_label", lang))}: '
            f'<span lang="zh">“{escape(p["evidence_zh"])}”</span></div></li>'
        )
    return f'<ul class="ind-progs">{"".join(items)}</ul><p class="ind-none">{escape(t("indicators.programs_note", lang))}</p>'


def chapter_label(chapter: dict, lang: str) -> str:
    return t("indicators.chapter_link", lang, no=int(chapter["chapter_no"]), heading=chapter[col(lang, "heading")])


# ---------------------------------------------------------------- the chart


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
        scale=alt.Scale(domain=statuses, range=[REQUIRED_COLOUR, HOLD_COLOUR]),
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
    return alt.layer(*layers).properties(title=title, width=720, height=alt.Step(_STEP), description=description or title.text[0])


def change_view(indicators: pd.DataFrame, lang: str, progress: pd.DataFrame | None = None) -> tuple[alt.LayerChart, pd.DataFrame, str]:
    """The change chart with its description, and the indicator table (`indicator_table`) as the data behind it."""
    description = chart_description(indicators, lang)
    return change_chart(indicators, lang, description), indicator_table(indicators, lang, progress), description


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


# ---------------------------------------------------------------- the table


def indicator_table(indicators: pd.DataFrame, lang: str, progress: pd.DataFrame | None = None) -> pd.DataFrame:
    """The indicators as a table with localized column names: values as written, the numbers read, the changes.

    Once any observed value is published (`progress`: indicator_status rows), also each indicator's status
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
    if progress is not None and (progress["status"] != "no_data").any():
        state = progress.set_index("indicator_no").reindex(table[t("indicators.col_no", lang)])
        table[t("indicators.col_status", lang)] = [status_label(s, lang) for s in state["status"].fillna("no_data")]
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


def table_csv(table: pd.DataFrame) -> bytes:
    """The table as CSV with a byte-order mark, so that Excel opens the Chinese text correctly."""
    return table.to_csv(index=False).encode("utf-8-sig")


# ---------------------------------------------------------------- progress since 2020


def status_word(status: str, lang: str) -> str:
    """The status in words: 'Achieved', 'On track', 'Off track', 'Not assessable', 'No data'."""
    return t(f"indicators.progress_{status}", lang)


def status_label(status: str, lang: str) -> str:
    """Icon and word together ('⚠ Off track'): the form every page and slide shows, never the colour alone."""
    return f"{STATUS_ICONS[status]} {status_word(status, lang)}"


def status_chip_html(status: str, lang: str, count: int | None = None) -> str:
    """A status as a small outlined chip: icon, word and optionally a count; the colour only repeats them."""
    n = "" if count is None else f"<b>{count}</b>"
    return (
        f'<span class="pg-chip" style="--st:{STATUS_COLOURS[status]}"><span class="i" aria-hidden="true">'
        f"{STATUS_ICONS[status]}</span>{escape(status_word(status, lang))}{n}</span>"
    )


def _status_flag(state: dict, lang: str) -> str:
    year = "" if missing(state["latest_year"]) else f" · {int(state['latest_year'])}"
    text = escape(status_label(state["status"], lang) + year)
    return f'<span class="ind-flag pg" style="--st:{STATUS_COLOURS[state["status"]]}">{text}</span>'


def status_counts(indicators: pd.DataFrame, progress: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Counts by category (table order) and status (PROGRESS_STATUSES order), zeros included; one row per pair."""
    states = progress.set_index("indicator_no")["status"]
    rows = []
    for category in categories(indicators, lang):
        members = indicators[indicators[col(lang, "category")] == category]["indicator_no"]
        found = states.reindex(members).fillna("no_data")
        rows += [{"category": category, "status": s, "label": status_label(s, lang), "indicators": int((found == s).sum())}
                 for s in PROGRESS_STATUSES]  # fmt: skip
    return pd.DataFrame(rows)


def progress_overview_html(indicators: pd.DataFrame, progress: pd.DataFrame, lang: str, params: dict[str, str]) -> str:
    """The statuses of the 36 indicators: counts overall and per category, and a tile per indicator linking to it.

    Without any observed value (the shipped state) it says so calmly instead, and what will appear once
    values are published: the five statuses with what each means.
    """
    observed = progress[progress["observations"] > 0]
    if observed.empty:
        defs = "".join(
            f"<li>{status_chip_html(s, lang)}{escape(t(f'indicators.progress_means_{s}', lang))}</li>" for s in PROGRESS_STATUSES
        )
        return (
            f'<section class="pg-empty" role="note"><p class="h">{escape(t("indicators.progress_empty_title", lang))}</p>'
            f"<p>{escape(t('indicators.progress_empty_body', lang, n=len(indicators)))}</p>"
            f'<ul class="pg-defs">{defs}</ul></section>'
        )
    counts = status_counts(indicators, progress, lang)
    total = counts.groupby("status", sort=False)["indicators"].sum()
    legend = "".join(f"<li>{status_chip_html(s, lang, int(total[s]))}</li>" for s in PROGRESS_STATUSES if total[s])
    summary = t("indicators.progress_summary", lang, n=len(observed), total=len(indicators), year=int(observed["latest_year"].max()))
    states = progress.set_index("indicator_no")
    cards = []
    for category in categories(indicators, lang):
        mine = counts[(counts["category"] == category) & (counts["indicators"] > 0)]
        line = " · ".join(f"{r['label']} {r['indicators']}" for r in mine.to_dict("records"))
        tiles = []
        for r in indicators[indicators[col(lang, "category")] == category].to_dict("records"):
            no = int(r["indicator_no"])
            state = states["status"].get(no, "no_data")
            label = f"{no} {r[col(lang, 'name')]}: {status_label(state, lang)}"
            href = "?" + urlencode({**params, "indicator": no})
            tiles.append(
                f'<a class="pg-tile{" none" if state == "no_data" else ""}" style="--st:{STATUS_COLOURS[state]}" '
                f'href="{escape(href)}" target="_self" title="{escape(label)}" '
                f'aria-label="{escape(label)}"><span>{no}</span><span class="i" aria-hidden="true">{STATUS_ICONS[state]}</span></a>'
            )
        cards.append(f'<div class="pg-cat"><p class="h">{escape(category)}</p><p class="c">{escape(line)}</p>'
                     f'<div class="pg-tiles">{"".join(tiles)}</div></div>')  # fmt: skip
    return f'<p class="pg-sum">{escape(summary)}</p><ul class="pg-legend">{legend}</ul><div class="pg-cats">{"".join(cards)}</div>'


def observed_text(obs: dict, row: dict, lang: str) -> str:
    """An observed value as the department wrote it, with the indicator's unit: '12.1%', '2.1:1', '1.95 tce …'."""
    return with_unit(unicodedata.normalize("NFKC", str(obs["value_text"])), row, lang)


def _number_text(value: float, row: dict, lang: str) -> str:
    text = fmt.number(round(value, 6), lang)  # exact (33.25, 0.0335); round(…, 6) only drops float noise
    return f"{text}:1" if row["baseline_kind"] == "ratio" else with_unit(text, row, lang)


def progress_reason(row: dict, status: str, latest: dict | None) -> str:
    """Why the status is what it is, as the key of its sentence (mirrors pipeline/progress.py's rule)."""
    if status != "off_track":
        return status
    if row["met_in_2020"] is True:
        return "off_track_hold"
    return "off_track_late" if latest is not None and latest["year"] >= TARGET_YEAR else "off_track_line"


def expected_text(row: dict, latest: dict, lang: str) -> str | None:
    """The value on the straight path from the 2020 value to the 2024 target in the latest observation's year."""
    if row["target_kind"] == "text" or missing(row["target_2024"]) or missing(row["baseline_2020"]):
        return None
    value = expected_value(float(row["baseline_2020"]), float(row["target_2024"]), int(latest["year"]))
    return _number_text(value, row, lang)


def status_sentence(row: dict, status: str, observations: pd.DataFrame, lang: str) -> str:
    """The status explained in one sentence with the numbers it rests on."""
    latest = observations.sort_values("year").iloc[-1].to_dict() if not observations.empty else None
    reason = progress_reason(row, status, latest)
    if latest is None:
        return t(f"indicators.progress_why_{reason}", lang)
    return t(
        f"indicators.progress_why_{reason}",
        lang,
        value=observed_text(latest, row, lang),
        year=int(latest["year"]),
        target=with_unit(target_text(row, lang), row, lang),
        expected=expected_text(row, latest, lang) or "—",
    )


def progress_status_html(row: dict, status: str, observations: pd.DataFrame, lang: str) -> str:
    """One indicator's status (icon and word) and the sentence that explains it."""
    return (
        f'<div class="pg-status">{status_chip_html(status, lang)}'
        f"<span>{escape(status_sentence(row, status, observations, lang))}</span></div>"
    )


def _lang_attr(text: str) -> str:
    return ' lang="zh"' if re.search(r"[\u4e00-\u9fff]", text) else ""


def _published(value, lang: str) -> str:
    day = pd.Timestamp(value).date()
    return format_date(day, format="long", locale=fmt.LOCALES.get(lang, "zh_CN"))


def observations_html(observations: pd.DataFrame, row: dict, lang: str) -> str:
    """Each observed value with its source: title, address (a link) or document number, publication date, note."""
    items = []
    for obs in observations.sort_values("year", ascending=False).to_dict("records"):
        title, ref = str(obs["source_title"]), str(obs["source_ref"])
        if re.match(r"^https?://", ref, re.I):
            ref_html = f'<a href="{escape(ref)}" target="_blank" rel="noopener noreferrer">{escape(ref)}</a>'
        else:
            ref_html = f"<span{_lang_attr(ref)}>{escape(ref)}</span>"
        published = t("indicators.obs_published", lang, date=_published(obs["published"], lang))
        note = "" if missing(obs["note"]) or not obs["note"] else f"<br><span{_lang_attr(obs['note'])}>{escape(obs['note'])}</span>"
        items.append(
            f'<li><span class="v">{escape(observed_text(obs, row, lang))}</span><span class="y">{int(obs["year"])}</span><br>'
            f'<span class="src">{escape(t("indicators.obs_source_prefix", lang))}'
            f"<cite{_lang_attr(title)}>{escape(title)}</cite> · {ref_html} · "
            f"{escape(published)}{note}</span></li>"
        )
    return f'<ol class="pg-obs" aria-label="{escape(t("indicators.obs_list_label", lang))}">{"".join(items)}</ol>'


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
    pipeline/progress.py defines it), the 2020 and 2024 points of the plan, and the observed values
    joined by a line, each labelled with its value as written. Legend on top; no colour stands alone.
    """
    frame = trajectory_frame(row, observations, lang)
    kinds = ["observed", "path", "bound", "target", "baseline"]
    present = [k for k in kinds if (frame["kind"] == k).any()]
    colours = {"observed": OBSERVED_COLOUR, "path": MUTED, "bound": MUTED, "target": INK, "baseline": "#8a969d"}
    shapes = {"observed": "circle", "path": "stroke", "bound": "stroke", "target": "diamond", "baseline": "square"}
    names = [frame.loc[frame["kind"] == k, "series"].iloc[0] for k in present]
    colour = alt.Color(
        "series:N",
        scale=alt.Scale(domain=names, range=[colours[k] for k in present]),
        legend=alt.Legend(title=None, orient="top", direction="vertical", columns=1, labelLimit=340, symbolType="circle"),
    )
    shape = alt.Shape("series:N", scale=alt.Scale(domain=names, range=[shapes[k] for k in present]), legend=None)
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
        base.transform_filter("datum.kind == 'observed'").mark_line(strokeWidth=2, color=OBSERVED_COLOUR),
        points.mark_point(filled=True, size=110, opacity=1).encode(color=colour, shape=shape, tooltip=tooltip),
        points.transform_filter("datum.kind == 'observed' && datum.label_above")
        .mark_text(dy=-15, fontSize=12.5, fontWeight=700, color=OBSERVED_COLOUR)
        .encode(text="label:N"),
        points.transform_filter("datum.kind == 'observed' && !datum.label_above")
        .mark_text(dy=17, fontSize=12.5, fontWeight=700, color=OBSERVED_COLOUR)
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
    if row["target_kind"] == "text":
        head = t("indicators.traj_desc_text", lang, base=with_unit(written(row["baseline_2020_text"], lang), row, lang),
                 target=target_text(row, lang), observed=obs)  # fmt: skip
    else:
        path = "traj_desc_bound" if row["met_in_2020"] is True else "traj_desc"
        head = t(f"indicators.{path}", lang, base=with_unit(written(row["baseline_2020_text"], lang), row, lang),
                 target=target_words(row, lang), observed=obs)  # fmt: skip
    sep = "" if lang == "zh" else " "
    return (
        head
        + sep
        + t("indicators.traj_status", lang, label=status_label(status, lang), why=status_sentence(row, status, observations, lang))
    )
