"""Rendering helpers shared by pages: a chart with its description and downloads (PNG, SVG, CSV).

This module calls st.* (it places widgets); the chart itself comes from a pure builder.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from core.i18n import t

_FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto", "/usr/share/fonts")
_fonts_registered = False


def _vl_convert():
    """vl-convert with the system's CJK fonts registered once (Chinese renders as boxes without them)."""
    global _fonts_registered
    import vl_convert as vlc

    if not _fonts_registered:
        from pathlib import Path

        for folder in _FONT_DIRS:
            if Path(folder).is_dir():
                vlc.register_font_directory(folder)
        _fonts_registered = True
    return vlc


def chart_png(chart: alt.TopLevelMixin, scale: float = 2) -> bytes:
    """The chart as PNG, rendered offline."""
    return _vl_convert().vegalite_to_png(chart.to_dict(), scale=scale)


def chart_svg(chart: alt.TopLevelMixin) -> str:
    return _vl_convert().vegalite_to_svg(chart.to_dict())


@dataclass(frozen=True)
class ChartParts:
    """A chart ready to send: Streamlit's Vega-Lite spec (datasets as Arrow), its data and description."""

    spec: dict
    data: pd.DataFrame
    description: str


def _streamlit_spec(chart: alt.TopLevelMixin) -> dict:
    """The spec exactly as st.altair_chart would send it (Streamlit's own conversion: data as Arrow datasets)."""
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    return _convert_altair_to_vega_lite_spec(chart)


def _built(build: Callable[..., tuple], args: tuple) -> tuple[alt.TopLevelMixin, pd.DataFrame, str]:
    chart, data, *description = build(*args)
    return chart, data, description[0] if description else chart.description


@st.cache_data(show_spinner=False, max_entries=256)
def _chart_parts(key: str, variant: tuple, _build: Callable[..., tuple], _args: tuple) -> ChartParts:
    # Keyed by the chart's widget key and what it varies with (language, selection), not by its data: every
    # input comes from core.data, which is fixed for the life of the process. Building the Altair chart and
    # converting it (schema validation, deep copies, under Streamlit's process-wide Altair lock) was about
    # half of a chart page's run; done once per variant, a rerun only unpickles the spec.
    chart, data, description = _built(_build, _args)
    return ChartParts(_streamlit_spec(chart), data, description)


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_deck(key: str, variant: tuple, _build: Callable[[], Any]) -> Any:
    """The deck `_build()` makes (a CompactDeck), made once per (key, variant) and serialised once (frozen).

    The deck is shared by every session, read-only: st.pydeck_chart only reads its JSON and tooltip. Like
    `show_cached_chart`, its inputs must come from cached data and `variant` must name what they depend on.
    """
    return _build().freeze()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "chart"


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
    _caption_and_downloads(lambda: build(*args)[0], parts.data, name, lang, parts.description, key)


def _caption_and_downloads(
    chart: Callable[[], alt.TopLevelMixin], data: pd.DataFrame, name: str, lang: str, description: str, key: str
) -> None:
    st.caption(description)
    slug = _slug(name)
    with st.container(horizontal=True, gap="small", key=f"{key}-downloads"):
        st.download_button(t("app.download_png", lang), data=lambda: chart_png(chart()), file_name=f"{slug}.png",
                           mime="image/png", key=f"{key}-png", on_click="ignore", icon=":material/image:")  # fmt: skip
        st.download_button(t("app.download_svg", lang), data=lambda: chart_svg(chart()), file_name=f"{slug}.svg",
                           mime="image/svg+xml", key=f"{key}-svg", on_click="ignore", icon=":material/draw:")  # fmt: skip
        st.download_button(t("app.download_csv", lang), data=lambda: data.to_csv(index=False).encode("utf-8-sig"),
                           file_name=f"{slug}.csv", mime="text/csv", key=f"{key}-csv", on_click="ignore",
                           icon=":material/table:")  # fmt: skip


@st.cache_resource(show_spinner=False, max_entries=6)
def deck_body(lang: str, public_url: str) -> tuple[str, int]:
    """Every slide as HTML with its charts drawn, and the number of slides, for the kiosk and the presenter.

    Made once per language and address (drawing the charts is the slow part) and shared, not copied: a string is
    immutable. st.cache_data would unpickle the ~0.3 MB page on every run, and those copies, made on a new thread
    each run, grew the server by ~0.1 MB per run (1,000 kiosk reloads: +156 MB).
    """
    from components import deck_html, slides
    from core import data

    deck = slides.build(data.deck_tables(), public_url)
    return deck_html.slides_html(deck, lang, chart_svg), len(deck)
