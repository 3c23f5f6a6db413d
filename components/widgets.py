"""Rendering helpers shared by pages: a chart with its description and downloads (PNG, SVG, CSV), a cached map.

This module calls st.* (it places widgets); the chart itself comes from a pure builder, its files from
components.charts and components.exports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from components import charts
from components.exports import to_csv_bytes
from core.i18n import t


@dataclass(frozen=True)
class ChartParts:
    """A chart ready to send: its Vega-Lite spec, its data and description."""

    spec: dict
    data: pd.DataFrame
    description: str


def _with_arrow_datasets(spec: dict) -> dict:
    """The spec with each named dataset as Arrow IPC bytes, done once here: st.vega_lite_chart sends bytes as
    they are and converts anything else to Arrow on every run (about 1 ms per dataset)."""
    import pyarrow as pa

    def arrow(records: list[dict]) -> bytes:
        table = pa.Table.from_pandas(pd.DataFrame.from_records(records), preserve_index=False)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        return sink.getvalue().to_pybytes()

    datasets = {name: arrow(rows) if isinstance(rows, list) else rows for name, rows in spec.get("datasets", {}).items()}
    return {**spec, "datasets": datasets} if datasets else spec


def _built(build: Callable[..., tuple], args: tuple) -> tuple[alt.TopLevelMixin, pd.DataFrame, str]:
    chart, data, *description = build(*args)
    return chart, data, description[0] if description else chart.description


@st.cache_resource(show_spinner=False, max_entries=256)
def _chart_parts(key: str, variant: tuple, _build: Callable[..., tuple], _args: tuple) -> ChartParts:
    # Keyed by the chart's widget key and what it varies with (language, selection), not by its data: every
    # input comes from core.data, which is fixed for the life of the process. Building the Altair chart and
    # converting it (schema validation, deep copies) was about half of a chart page's run; done once per
    # variant, and shared read-only (st.vega_lite_chart only reads the spec).
    chart, data, description = _built(_build, _args)
    return ChartParts(_with_arrow_datasets(charts.spec(chart)), data, description)


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_deck(key: str, variant: tuple, _build: Callable[[], Any]) -> Any:
    """The deck `_build()` makes (a CompactDeck), made once per (key, variant) and serialised once (frozen).

    The deck is shared by every session, read-only: st.pydeck_chart only reads its JSON and tooltip. Like
    `show_cached_chart`, its inputs must come from cached data and `variant` must name what they depend on.
    """
    return _build().freeze()


def show_cached_chart(key: str, variant: tuple, name: str, lang: str, build: Callable[..., tuple], *args) -> None:
    """The chart, a text description for screen readers and everyone, and PNG/SVG/CSV downloads; the chart's
    spec is built once per (key, variant), not on every rerun, and the image files only when a download is clicked.

    build(*args) returns (chart, data) or (chart, data, description); without a description the chart's
    own `description` property is used. Its inputs must come from cached data, and `variant` must name
    everything they depend on (language, selection): on a cache hit `build` is not called, except when a
    PNG or SVG download is clicked (the image is rendered from a freshly built chart).
    """
    parts = _chart_parts(key, variant, _build=build, _args=args)
    st.vega_lite_chart(spec=parts.spec, theme=None, width="stretch", key=f"{key}-chart")
    st.caption(parts.description)
    slug = charts.slug(name)
    with st.container(horizontal=True, gap="small", key=f"{key}-downloads"):
        st.download_button(t("app.download_png", lang), data=lambda: charts.png(build(*args)[0]), file_name=f"{slug}.png",
                           mime="image/png", key=f"{key}-png", on_click="ignore", icon=":material/image:")  # fmt: skip
        st.download_button(t("app.download_svg", lang), data=lambda: charts.svg(build(*args)[0]), file_name=f"{slug}.svg",
                           mime="image/svg+xml", key=f"{key}-svg", on_click="ignore", icon=":material/draw:")  # fmt: skip
        st.download_button(t("app.download_csv", lang), data=lambda: to_csv_bytes(parts.data), file_name=f"{slug}.csv",
                           mime="text/csv", key=f"{key}-csv", on_click="ignore", icon=":material/table:")  # fmt: skip
