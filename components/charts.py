"""Charts as files: a builder's Altair chart as its Vega-Lite spec, or rendered offline (vl-convert) as SVG
or PNG for the decks, the kiosk, the phone edition and the download buttons. Pure: no st.* here."""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from pathlib import Path
from urllib.parse import quote

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
    """The chart (or its Vega-Lite spec) as SVG text, rendered offline."""
    return _vl_convert().vegalite_to_svg(chart if isinstance(chart, dict) else chart.to_dict())


def kept_svg(spec: dict) -> str:
    """svg(spec), kept on disk under the hash of the spec when settings.CHART_CACHE names a folder (shared by the
    replicas and kept over restarts: a drawing takes 0.3-5 s)."""
    from core import settings

    if settings.CHART_CACHE is None:
        return svg(spec)
    key = hashlib.sha256(json.dumps([renderer(), spec], sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
    file = settings.CHART_CACHE / f"{key}.svg"
    if file.exists():
        return file.read_text(encoding="utf-8")
    drawing = svg(spec)
    try:
        settings.CHART_CACHE.mkdir(parents=True, exist_ok=True)
        partial = file.with_suffix(f".{os.getpid()}-{threading.get_ident()}.part")
        partial.write_text(drawing, encoding="utf-8")
        partial.replace(file)  # whole or not at all, whichever process writes it
    except OSError:
        pass  # a folder that cannot be written costs a drawing next time, nothing else
    return drawing


def renderer() -> str:
    """What draws the SVG (part of a kept drawing's key: another vl-convert may draw differently)."""
    from importlib.metadata import version

    return f"vl-convert-python {version('vl-convert-python')}"


PHONE_WIDTH = 340  # px: what a 390 px phone leaves a chart beside the page's margins
WIDE_WIDTH = 1120  # px: the app's widest column (1280 px less the frame's margins), from a 1280 px window on


def drawing_specs(chart: alt.TopLevelMixin) -> tuple[dict, dict, dict]:
    """The three drawings of a chart the app sends (phone, as built, wide), as Vega-Lite specs: the builders lay out
    for their width (label room, where a long name is cut), so one drawing scaled to every screen would read badly."""
    return spec(chart.properties(width=PHONE_WIDTH)), spec(chart), spec(chart.properties(width=WIDE_WIDTH))


_INNER_NAMES = re.compile(r'\s(?:aria-[a-z]+|role|class)="[^"]*"')


def svg_data_uri(svg: str) -> str:
    """An SVG as a data: address for an <img>: inside a picture, its marks' roles, labels and classes name nothing
    (the picture is named as a whole), so they go (40 % of the bytes); percent-encoded, it compresses as the text does.
    """
    return "data:image/svg+xml," + quote(_INNER_NAMES.sub("", svg), safe=" /=:;,.()-_!*'")


def title_text(spec: dict) -> str:
    """A chart's title as one line (its text alternative as a picture); '' without one."""
    title = spec.get("title")
    text = title.get("text", "") if isinstance(title, dict) else title or ""
    return " ".join(text) if isinstance(text, list) else str(text)


def slug(name: str) -> str:
    """A file name stem from a chart's name: 'ordos-investment-by-action'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "chart"
