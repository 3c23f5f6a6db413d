"""Charts drawn ahead (views/charts.py): the list covers every chart the pages show, in both languages, and the
drawings it makes are the ones a page then finds (no second drawing on the first visit)."""

from __future__ import annotations

import re
import threading

import pytest

from components import charts, widgets
from tests.conftest import charts_of, open_page, open_tab
from views import charts as drawings


def figures(at) -> set[str]:
    """The ids of the chart figures on the page (what tests.conftest.charts_of reads)."""
    return {m for el in at.get("html") for m in re.findall(r'<figure class="ordos-chart" id="([^"]+)"', str(el.proto.body))}


def shown_figures(lang: str) -> set[str]:
    """The figure ids of every chart the pages show in `lang`: each story chapter, the indicators' chart tab (all
    categories), the projects' overview in each of its views."""
    seen: set[str] = set()
    for chapter in (1, 2, 3, 4):
        seen |= figures(open_page("pages/zhungeer.py", lang=lang, chapter=chapter))
    at = open_page("pages/indicators.py", lang=lang)
    seen |= figures(open_tab(at, f"indicator-tabs-{lang}", 1))
    for category in (1, 2):
        at = open_page("pages/indicators.py", lang=lang, category=category)
        seen |= figures(open_tab(at, f"indicator-tabs-{lang}", 1))
    at = open_page("pages/projects.py", lang=lang)
    for view in ("action", "program"):
        at.session_state["projects-view"] = view
        at.run()
        seen |= figures(at)
    return seen


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_the_pages_show_is_drawn_ahead(lang):
    listed = {figure for figure, _ in drawings.every_chart((lang,))}
    shown = shown_figures(lang)
    assert shown, "the pages showed no chart"
    assert shown <= listed, f"shown but not drawn ahead: {sorted(shown - listed)}"
    assert any(f.startswith("indicator-change") for f in shown) and any(f.startswith("projects-timeline") for f in shown)


def test_drawn_ahead_is_what_a_page_draws():
    """The specs drawn ahead are byte for byte the ones a page asks vl-convert for: a page's first visit finds them."""
    listed = dict(drawings.every_chart(("en",)))
    at = open_page("pages/projects.py", lang="en")
    first = sorted(figures(at))[0]
    (shown, *_) = [c for c in charts_of(at) if widgets.drawn(first) is c]
    assert shown.spec == charts.drawing_specs(listed[first])[1]
    assert widgets.figure_id_of("projects-timeline", ("en",)) in listed


def test_predraw_runs_once_and_only_with_a_folder(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(drawings, "_draw_logged", lambda: calls.append(1))
    monkeypatch.setattr(drawings, "_checked", False)
    monkeypatch.setenv("ORDOS_PREDRAW", "1")
    monkeypatch.setattr(drawings.settings, "CHART_CACHE", None)
    drawings.start()
    assert calls == []  # nowhere to keep the drawings: nothing drawn ahead
    monkeypatch.setattr(drawings, "_checked", False)
    monkeypatch.setattr(drawings.settings, "CHART_CACHE", tmp_path)
    drawings.start()
    drawings.start()
    for thread in threading.enumerate():
        if thread.name == "chart-predraw":
            thread.join(5)
    assert calls == [1]  # once per process
    monkeypatch.setattr(drawings, "_checked", False)
    drawings._marker().write_text("done")
    drawings.start()
    assert calls == [1]  # the folder is complete for this database: no walk
