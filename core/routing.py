"""Make a direct link to a page go through app.py's router, even on a freshly started server.

Streamlit still supports its old multipage mode: while no session has called st.navigation yet, a
`pages/` folder next to the main script makes it run `pages/<name>.py` *directly* for /<name>, without
app.py (no page config, no header, no styles, no language switch). The first visitor who arrives by a
QR code at /map would get that bare page, and so would every direct visitor until someone opened the
home page. Each page calls ensure_router() first: in that mode it switches Streamlit to the router and
reruns, so the same URL is served by app.py before anything is drawn.

Visitors who arrive in the same instant are each checked on their own: app.py runs the page inside
routed(), and a page that finds itself run without it (while the main script is app.py) reruns too.
"""

from __future__ import annotations

import copy
import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

_state = threading.local()  # a session's script run, app.py and the page it runs, happens on one thread


def _make(lang: str) -> dict[str, st.Page]:
    from core import pages
    from core.i18n import t

    return {
        key: st.Page(page.script, title=t(page.title_key, lang), url_path=page.url_path, default=page.url_path == "")
        for key, page in pages.PAGES.items()
    }


_made = functools.cache(_make)


def routes_for(lang: str) -> dict[str, st.Page]:
    """Every page of the registry (core/pages.py) as st.Page, titled in `lang`, for st.navigation and the header.

    Made once per language and process (st.Page resolves and checks its script's path: 0.7 ms of every run
    for the eight pages), and copied for each run: st.navigation marks the page it picks as callable and the
    page's run unmarks it, so two sessions must never share one object. Outside a script run (app.py run in
    bare mode) st.Page stays incomplete: those are made anew and never kept.
    """
    if get_script_run_ctx(suppress_warning=True) is None:
        return _make(lang)
    return {key: copy.copy(page) for key, page in _made(lang).items()}


@contextmanager
def routed() -> Iterator[None]:
    """app.py runs the chosen page inside this, so that the page knows the router ran."""
    _state.routed = True
    try:
        yield
    finally:
        _state.routed = False


def ensure_router() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is not None and not getattr(_state, "routed", False) and Path(ctx.main_script_path).name == "app.py":
        st.rerun()  # a visitor who arrived while another switched the mode: this run skipped app.py as well
