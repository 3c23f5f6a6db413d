"""Rendering helpers shared by pages: a chart with its description and downloads (PNG, SVG, CSV), a cached map.

This module calls st.* (it places widgets); the chart itself comes from a pure builder, its files from
components.charts and components.exports.

A chart is drawn on the server as SVG (vl-convert), once per process and variant, and sent as one element, a
picture (st.html keeps no inline <svg>: it sanitises with DOMPurify's HTML profile): the charts have nothing to
click, and Streamlit's Vega-Lite element made every chart page load and run its Vega bundle (about 330 KB
compressed, a third of what the bare Streamlit page loads) and draw in the browser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

import altair as alt
import pandas as pd
import streamlit as st
from markupsafe import Markup

from components import charts
from components.exports import to_csv_bytes
from components.render import Finished, macro
from core.i18n import t


@dataclass(frozen=True)
class ChartParts:
    """A chart ready to send: its Vega-Lite spec (data inline), its data and description, the figure drawn from it
    (the SVG for a wide column and for a phone's, with the description), and the wide SVG as its file."""

    spec: dict
    data: pd.DataFrame
    description: str
    figure: Markup
    svg: str


def _built(build: Callable[..., tuple], args: tuple) -> tuple[alt.TopLevelMixin, pd.DataFrame, str]:
    chart, data, *description = build(*args)
    return chart, data, description[0] if description else chart.description


_drawing = ThreadPoolExecutor(3, thread_name_prefix="chart-svg")  # vl-convert draws outside the GIL


def _figure(figure_id: str, chart: alt.TopLevelMixin, description: str) -> tuple[Markup, str]:
    """The chart drawn for a phone, as built (the width of its PNG/SVG file) and for the widest column, as one
    figure: the builders lay out for their width (label room, where a long name is cut), so one drawing scaled
    to every screen would read badly."""
    specs = charts.drawing_specs(chart)
    spec = specs[1]
    phone, medium, wide = _drawing.map(charts.kept_svg, specs)
    drawings = [(size, charts.svg_data_uri(svg)) for size, svg in (("phone", phone), ("medium", medium), ("wide", wide))]
    title = charts.title_text(spec) or description
    return Finished(macro("parts/chart.html", "figure")(figure_id, drawings, title, description)), medium


@st.cache_resource(show_spinner=False, max_entries=256)
def _chart_parts(key: str, variant: tuple, _build: Callable[..., tuple], _args: tuple) -> ChartParts:
    # Keyed by the chart's widget key and what it varies with (language, selection), not by its data: every
    # input comes from core.data, which is fixed for the life of the process. Built, converted and drawn once
    # per variant, and shared read-only.
    chart, data, description = _built(_build, _args)
    figure_id = figure_id_of(key, variant)
    figure, svg = _figure(figure_id, chart, description)
    _drawn[figure_id] = parts = ChartParts(charts.spec(chart), data, description, figure, svg)
    return parts


_drawn: dict[str, ChartParts] = {}  # figure id -> the chart drawn under it in this process


def figure_id_of(key: str, variant: tuple) -> str:
    """The id of a chart's figure on the page (its caption is `<id>-caption`): the chart's key and variant."""
    return re.sub(r"[^a-z0-9-]+", "-", "-".join([key, *map(str, variant)]).lower()).strip("-")


def drawn(figure_id: str) -> ChartParts | None:
    """The chart behind a figure this process has drawn: its spec (data inline) and data, e.g. for the tests."""
    return _drawn.get(figure_id)


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_deck(key: str, variant: tuple, _build: Callable[[], Any]) -> Any:
    """The deck `_build()` makes (a CompactDeck), made once per (key, variant) and serialised once (frozen).

    The deck is shared by every session, read-only: st.pydeck_chart only reads its JSON and tooltip. Like
    `show_cached_chart`, its inputs must come from cached data and `variant` must name what they depend on.
    """
    return _build().freeze()


class ChartView(Protocol):
    """A chart as a view describes it (views.story.Chart): its key, what it varies with, file name, builder, inputs."""

    key: str
    variant: tuple
    name: str
    build: Callable[..., tuple]
    args: tuple


def show_chart(chart: ChartView, lang: str) -> None:
    """show_cached_chart for a chart a view describes."""
    show_cached_chart(chart.key, chart.variant, chart.name, lang, chart.build, *chart.args)


def show_cached_chart(key: str, variant: tuple, name: str, lang: str, build: Callable[..., tuple], *args) -> None:
    """The chart as a picture with its text description under it (for screen readers and everyone), and
    PNG/SVG/CSV downloads; the chart is built and drawn once per (key, variant), not on every rerun, and the
    PNG file only when its download is clicked.

    build(*args) returns (chart, data) or (chart, data, description); without a description the chart's
    own `description` property is used. Its inputs must come from cached data, and `variant` must name
    everything they depend on (language, selection): on a cache hit `build` is not called, except when the
    PNG download is clicked (the image is rendered from a freshly built chart).
    """
    parts = _chart_parts(key, variant, _build=build, _args=args)
    st.html(parts.figure)
    slug = charts.slug(name)
    with st.container(horizontal=True, gap="small", key=f"{key}-downloads"):
        st.download_button(t("app.download_png", lang), data=lambda: charts.png(build(*args)[0]), file_name=f"{slug}.png",
                           mime="image/png", key=f"{key}-png", on_click="ignore", icon=":material/image:")  # fmt: skip
        st.download_button(t("app.download_svg", lang), data=lambda: parts.svg, file_name=f"{slug}.svg",
                           mime="image/svg+xml", key=f"{key}-svg", on_click="ignore", icon=":material/draw:")  # fmt: skip
        st.download_button(t("app.download_csv", lang), data=lambda: to_csv_bytes(parts.data), file_name=f"{slug}.csv",
                           mime="text/csv", key=f"{key}-csv", on_click="ignore", icon=":material/table:")  # fmt: skip
