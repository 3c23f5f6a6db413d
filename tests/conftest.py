"""Fixtures shared by the whole suite: one database built once per session, and page runners.

The database is built from the real sources into a temporary folder before any test module imports
the app (core.settings reads ORDOS_DB at import), so tests never touch data/ordos.duckdb.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_SESSION_DIR = Path(tempfile.mkdtemp(prefix="ordos-tests-"))
TEST_DB = _SESSION_DIR / "ordos.duckdb"


def pytest_configure(config):
    os.environ["ORDOS_DB"] = str(TEST_DB)
    os.environ.setdefault("ORDOS_PUBLIC_URL", "https://ordos.example.org")
    # Charts drawn once for the whole run: the first process sets the folder, the workers and servers it starts inherit it
    os.environ.setdefault("ORDOS_CHART_CACHE", str(_SESSION_DIR / "charts"))
    # Not every chart drawn ahead in every process the tests start (views/charts.py; tests/test_predraw.py tests it)
    os.environ.setdefault("ORDOS_PREDRAW", "0")
    from pipeline.build import build

    build(database=TEST_DB)


def pytest_unconfigure(config):
    shutil.rmtree(_SESSION_DIR, ignore_errors=True)


@pytest.fixture(scope="session")
def db_path() -> Path:
    return TEST_DB


@pytest.fixture(scope="session")
def con(db_path):
    import duckdb

    connection = duckdb.connect(str(db_path), read_only=True)
    yield connection
    connection.close()


def open_page(page: str | None = None, timeout: float = 30, **params):
    """Run the app as a visitor who opened `page` (e.g. 'pages/indicators.py') with these URL parameters."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.query_params = {k: str(v) for k, v in params.items()}
    at.run()
    if page:
        at.switch_page(page)
        at.query_params = {k: str(v) for k, v in params.items()}
        at.run()
    return at


def page_text(at) -> str:
    """All text a visitor can read on the page (markdown, headings, captions, metrics, HTML blocks)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "success", "error"):
        parts += [str(getattr(el, "value", "")) for el in getattr(at, kind, [])]
    parts += [str(el.proto.body) for el in at.get("html")]
    return "\n".join(parts)


def html_of(at) -> str:
    """Every st.html body of the page, as the browser would receive it."""
    return "\n".join(str(el.proto.body) for el in at.get("html"))


def charts_of(at, node=None) -> list:
    """The charts a page (or one of its tabs, `node`) shows, in order, as drawn (components.widgets.ChartParts: the
    spec with its data inline, the data, the description, the figure). The browser gets each as a picture in an
    HTML element, named by the figure's id."""
    import re

    from components import widgets

    bodies = [str(el.proto.body) for el in (node or at).get("html")]
    ids = [m for body in bodies for m in re.findall(r'<figure class="ordos-chart" id="([^"]+)"', body)]
    return [widgets.drawn(figure_id) for figure_id in ids]


def open_expanders(at, *keys: str):
    """Open these expanders (every keyed one if none are named) as a visitor's clicks do, and rerun: a lazy
    expander (on_change="rerun") draws its content only while it is open."""
    for key in keys or [e.key for e in at.expander if e.key]:
        at.session_state[key] = True
    at.run()
    assert not at.exception
    return at


def open_tab(at, key: str, tab: int):
    """Open tab number `tab` of the tabs whose state key is `key` and rerun: pages draw only the open tab."""
    at.session_state[key] = at.tabs[tab].label
    at.run()
    assert not at.exception
    return at
