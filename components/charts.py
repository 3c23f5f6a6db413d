"""Charts as files: a builder's Altair chart as its Vega-Lite spec, or rendered offline (vl-convert) as SVG
or PNG for the decks, the kiosk, the phone edition and the download buttons. Pure: no st.* here."""

from __future__ import annotations

import re
from pathlib import Path

import altair as alt

_FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto", "/usr/share/fonts")
_fonts_registered = False


def _vl_convert():
    """vl-convert with the system's CJK fonts registered once (Chinese renders as boxes without them)."""
    global _fonts_registered
    import vl_convert as vlc

    if not _fonts_registered:
        for folder in _FONT_DIRS:
            if Path(folder).is_dir():
                vlc.register_font_directory(folder)
        _fonts_registered = True
    return vlc


def spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec with its data inline (Altair's own to_dict: the app theme applied)."""
    return chart.to_dict()


def png(chart: alt.TopLevelMixin, scale: float = 2) -> bytes:
    """The chart as PNG, rendered offline."""
    return _vl_convert().vegalite_to_png(chart.to_dict(), scale=scale)


def svg(chart: alt.TopLevelMixin | dict) -> str:
    """The chart (or its Vega-Lite spec, as `spec` gives it) as SVG text, rendered offline."""
    return _vl_convert().vegalite_to_svg(chart if isinstance(chart, dict) else chart.to_dict())


def slug(name: str) -> str:
    """A file name stem from a chart's name: 'ordos-investment-by-action'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "chart"
