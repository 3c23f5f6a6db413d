"""Rendering helpers shared by pages: a chart with its description and downloads (PNG, SVG, CSV).

This module calls st.* (it places widgets); the chart itself comes from a pure builder.
"""

from __future__ import annotations

import re

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


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "chart"


def show_chart(chart: alt.TopLevelMixin, data: pd.DataFrame, name: str, lang: str, description: str, key: str) -> None:
    """The chart, a text description for screen readers and everyone, and PNG/SVG/CSV downloads.

    The image files are made only when a download is clicked (deferred), not on every rerun.
    """
    st.altair_chart(chart, theme=None, width="stretch", key=f"{key}-chart")
    st.caption(description)
    slug = _slug(name)
    with st.container(horizontal=True, gap="small", key=f"{key}-downloads"):
        st.download_button(t("app.download_png", lang), data=lambda: chart_png(chart), file_name=f"{slug}.png",
                           mime="image/png", key=f"{key}-png", on_click="ignore", icon=":material/image:")  # fmt: skip
        st.download_button(t("app.download_svg", lang), data=lambda: chart_svg(chart), file_name=f"{slug}.svg",
                           mime="image/svg+xml", key=f"{key}-svg", on_click="ignore", icon=":material/draw:")  # fmt: skip
        st.download_button(t("app.download_csv", lang), data=lambda: data.to_csv(index=False).encode("utf-8-sig"),
                           file_name=f"{slug}.csv", mime="text/csv", key=f"{key}-csv", on_click="ignore",
                           icon=":material/table:")  # fmt: skip
