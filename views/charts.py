"""Every picture the app's pages draw on the server, listed once, so that a process can draw them ahead of its
visitors.

A chart is drawn by vl-convert the first time a page shows it (0.1-5 s a drawing, three drawings a chart: phone,
as built, wide) and then kept: in the process and, when `ORDOS_CHART_CACHE` names a folder, on disk for every
replica and every restart. Left to the first visitors, a cold process spent its first minute drawing: measured
with 100 visitors (10 s between actions) on a fresh process, p50 14.6 s against 92 ms with charts drawn in the
browser. `start()` (called by app.py once per process) draws every picture below in a background thread into the
disk folder, so that requests find them there; a request for a picture not drawn yet draws it itself, as before.
`tests/test_predraw.py` checks that the list covers every chart the pages show.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from components import charts
from components.indicators.charts import change_view
from components.indicators.trajectory import trajectory_view
from components.projects import charts as project_charts
from components.projects import timeline
from components.widgets import figure_id_of
from core import data, settings
from core.i18n import t
from views import indicators, story
from views.story import Chart

LOCATOR = "story-locator"
_started = threading.Lock()
_checked = False


def indicator_change(lang: str, category: int | None) -> Chart:
    """The change each indicator requires (all, or one category): the indicators page's chart tab."""
    name = f"{t('indicators.file_name', lang)}-change"
    return Chart("indicator-change", (lang, category), name, change_view, indicators.change_inputs(lang, category))


def indicator_trajectory(no: int, lang: str) -> Chart | None:
    """One indicator from 2020 to 2024 with its observed values, in its detail; None while it has nothing to draw."""
    part = indicators.detail(no, lang).chart
    name = f"{t('indicators.file_name', lang)}-{no}-progress"
    return Chart("indicator-trajectory", (lang, no), name, trajectory_view, part) if part else None


def project_investment(shown: str, lang: str) -> Chart:
    """The planned investment by key action, program, project or department (project_charts.VIEWS)."""
    inputs = (shown, data.projects(), data.programs(), data.actions(), lang)
    return Chart("projects-investment", (lang, shown), f"ordos-investment-by-{shown}", project_charts.investment_view, inputs)


def project_timeline(lang: str) -> Chart:
    """Every project's years, by key action."""
    return Chart("projects-timeline", (lang,), "ordos-project-timeline", timeline.timeline_view, (data.projects(), data.actions(), lang))


def every_chart(langs: tuple[str, ...] = settings.LANGS) -> Iterator[tuple[str, object]]:
    """(figure id, chart) for every chart the pages show, in each language and selection: the same Chart each page
    hands to components.widgets.show_chart (its key and variant name the figure)."""
    for lang in langs:
        listed = [indicator_change(lang, category) for category in (None, *range(1, len(indicators.labels(lang).categories)))]
        listed += [indicator_trajectory(no, lang) for no in indicators.rows_by_no()]
        listed += [project_investment(shown, lang) for shown in project_charts.VIEWS] + [project_timeline(lang)]
        for chapter in story.chapter_numbers():
            view = story.view(chapter, lang)
            listed += [view.mines, view.projects_chart]
        for chart in filter(None, listed):
            yield figure_id_of(chart.key, chart.variant), chart.build(*chart.args)[0]


def every_spec(langs: tuple[str, ...] = settings.LANGS) -> Iterator[tuple[str, dict]]:
    """(what, Vega-Lite spec) of every drawing: each chart's three, and the story's locator map per language."""
    for what, chart in every_chart(langs):
        for size, spec in zip(("phone", "medium", "wide"), charts.drawing_specs(chart), strict=True):
            yield f"{what} {size}", spec
    for lang in langs:
        yield f"{LOCATOR} {lang}", story.locator_spec(lang)


def draw_all() -> dict:
    """Draw every picture into the disk folder (the ones already there are only read): how many, how long. Then
    mark the folder complete for this database and app version, so that the next process skips the walk (building
    the 74 specs alone takes seconds of Python)."""
    started, drawn = time.monotonic(), 0
    for _, spec in every_spec():
        charts.kept_svg(spec)
        drawn += 1
    done = {"pictures": drawn, "seconds": round(time.monotonic() - started, 1)}
    with contextlib.suppress(OSError):  # a folder that cannot be written: the next process walks again
        _marker().write_text(f"{done}\n", encoding="utf-8")
    return done


def _marker() -> Path:
    """The file that says every picture of this database (its size and time) and app version is in the folder."""
    stat = settings.DATABASE.stat()
    name = hashlib.sha256(f"{settings.app_version()} {stat.st_size} {stat.st_mtime_ns} {charts.renderer()}".encode()).hexdigest()
    return settings.CHART_CACHE / f"complete-{name[:16]}"


def start() -> None:
    """Once per process, when drawings are kept on disk (ORDOS_CHART_CACHE) and ORDOS_PREDRAW is not 0: draw every
    picture in a background thread (vl-convert draws outside the GIL; the specs are built in Python, a few ms each)."""
    global _checked
    if _checked:
        return
    with _started:
        if _checked:
            return
        _checked = True
        if settings.CHART_CACHE is None or os.environ.get("ORDOS_PREDRAW", "1") == "0":
            return
        with contextlib.suppress(OSError):
            if _marker().exists():
                return
        threading.Thread(target=_draw_logged, name="chart-predraw", daemon=True).start()


def _draw_logged() -> None:
    log = logging.getLogger("ordos")
    try:
        log.info("charts drawn ahead: %s", draw_all())
    except Exception:  # a picture that cannot be drawn ahead is drawn when asked for, as without this thread
        log.exception("drawing the charts ahead failed")


if __name__ == "__main__":  # python -m views.charts: draw every picture into ORDOS_CHART_CACHE now (a deploy step)
    if settings.CHART_CACHE is None:
        raise SystemExit("ORDOS_CHART_CACHE is not set: there is nowhere to keep the drawings")
    print("already complete" if _marker().exists() else draw_all())
