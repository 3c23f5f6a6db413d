"""The edition's charts and maps: the app's own chart builders, drawn at build time as inline SVG
(components.charts.svg, vl-convert), with a text alternative.

A chart is drawn twice, as the app draws it in a phone's column and in a wide one: the builders lay out for
their width (room for labels, where a long name is cut), and a picture drawn for 340 px and blown up on a wide
screen (or the other way round) reads badly. The stylesheet shows the one that fits; a map is drawn once (its
shapes scale well) and keeps its links.

Rendering is most of a build (a chart takes one to three seconds), so `Charts.figure` only records the chart and
returns a placeholder; the charts are drawn together in a few threads (vl-convert runs outside the GIL) and put
in place when every page has been written (`Charts.fill`). With a cache folder, an SVG is kept under the hash
of its Vega-Lite spec and reused by the next build (the same spec always draws the same picture).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
from markupsafe import Markup, escape

from components import charts

PHONE_WIDTH = 340  # px: what a 390 px phone leaves for a chart beside the page's margins
WIDE_WIDTH = 720  # px: the app's own width for a chart file (its PNG and SVG downloads)
LINK_ORIGIN = "https://edition.invalid/"  # Vega resolves a relative link against its own base; this one is replaced
_PLACEHOLDER = "\x00chart:{}\x00"
_ROOT = re.compile(r"<svg\b[^>]*>")


@dataclass(frozen=True)
class _Job:
    description: str
    drawings: tuple[tuple[str, Future], ...]  # (size class, the drawing's SVG)


@dataclass
class Charts:
    """The charts of one build: each drawn once however many pages show it."""

    base: str = "/"  # the site's base path: the map's links are written below it
    cache: Path | None = None
    workers: int = max(1, min(4, os.cpu_count() or 1))
    _pool: ThreadPoolExecutor | None = None
    _jobs: dict[str, _Job] = field(default_factory=dict)
    drawn: int = 0  # SVGs rendered by vl-convert in this build (not found in the cache)

    def figure(self, name: str, make: Callable[[], tuple[alt.TopLevelMixin, str]], *, links: bool = False) -> Markup:
        """A placeholder for a chart as a <figure>: its SVG and, under it, its description (its text alternative).

        `name` is unique per chart and language ('projects-timeline-en'); `make()` builds (chart, description), only
        the first time a name is asked for. With `links` it is a map: drawn once at its own size, its districts'
        links kept.
        """
        if name not in self._jobs:
            chart, description = make()
            sizes = (("ed-map-svg", None),) if links else (("ed-narrow", PHONE_WIDTH), ("ed-wide", WIDE_WIDTH))
            self._pool = self._pool or ThreadPoolExecutor(self.workers, thread_name_prefix="vl-convert")
            drawings = []
            for size, width in sizes:
                spec = charts.spec(chart.properties(width=width) if width else chart)
                job = self._pool.submit(self._draw, f"{name}-{size}", spec, links)
                drawings.append((size, job))
            self._jobs[name] = _Job(description, tuple(drawings))
        return Markup(_PLACEHOLDER.format(name))

    def _draw(self, name: str, spec: dict, links: bool) -> str:
        key = hashlib.sha256(json.dumps([_renderer(), spec], sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        cached = self.cache / f"{key}.svg" if self.cache else None
        if cached and cached.exists():
            svg = cached.read_text(encoding="utf-8")
        else:
            svg = charts.svg(spec)
            self.drawn += 1
            if cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_text(svg, encoding="utf-8")
        return inline(svg, name, self.base if links else None)

    def fill(self, html: str) -> str:
        """The page with each placeholder replaced by its figure (waits for the charts it shows)."""
        return re.sub("\x00chart:([^\x00]+)\x00", lambda m: self._figure(m.group(1)), html)

    def _figure(self, name: str) -> str:
        job = self._jobs[name]
        caption = f"{_slug(name)}-caption"
        links = job.drawings[0][0] == "ed-map-svg"
        # A chart is one picture named by its caption; a map with links stays a group of links, each named by its district.
        role = f'role="group" aria-label="{escape(job.description)}"' if links else f'role="img" aria-labelledby="{caption}"'
        svgs = "".join(future.result().replace("<svg ", f'<svg class="ed-svg {size}" {role} ', 1) for size, future in job.drawings)
        return str(
            Markup('<figure class="ed-chart">{}<figcaption id="{}">{}</figcaption></figure>').format(Markup(svgs), caption, job.description)
        )

    def close(self) -> None:
        if self._pool:
            self._pool.shutdown(wait=True, cancel_futures=True)


def _renderer() -> str:
    """What draws the SVG (part of a cached drawing's key: another vl-convert may draw differently)."""
    from importlib.metadata import version

    return f"vl-convert-python {version('vl-convert-python')}"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def inline(svg: str, name: str, link_base: str | None = None) -> str:
    """vl-convert's SVG made fit to sit in a page: no fixed size (its viewBox scales it to the column, up to its
    drawn width, --w), its ids unique on the page; a map's links (if `link_base`) point into the site."""
    width = re.search(r'\swidth="([\d.]+)"', _ROOT.search(svg).group(0))
    prefix = _slug(name)
    svg = re.sub(r'\sid="([^"]+)"', lambda m: f' id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    if link_base is not None:
        svg = svg.replace(f'xlink:href="{LINK_ORIGIN}', f'xlink:href="{link_base}')
        # In a map that stays a group of links, a mark Vega names no one (the Jungar outline) is decoration.
        svg = re.sub(
            r'<(\w+)((?:(?!aria-label)[^>])*)role="graphics-symbol"((?:(?!aria-label)[^>])*)>',
            r'<\1\2role="graphics-symbol" aria-hidden="true"\3>',
            svg,
        )
    natural = f' style="--w:{float(width.group(1)):.0f}px"' if width else ""

    def root(match: re.Match) -> str:
        return re.sub(r'\s(width|height|class)="[^"]*"', "", match.group(0))[:-1] + f'{natural} focusable="false">'

    return _ROOT.sub(root, svg, count=1)
