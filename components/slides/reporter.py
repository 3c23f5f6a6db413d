"""A screen reports in: the one part of the slides that calls st.* (the kiosk's and the presenter's `?screen=NAME`).

A small st.components.v2 component (its script: assets/deck/report.js) sends what the deck shows over Streamlit's
own websocket, every REPORT_SECONDS and on its first mount; it sits in an st.fragment, so that a report reruns only
the fragment: the deck's overlay is not drawn again and keeps its slide and timers. The server adds the name and
language from the URL and its own version, bounds everything and stores it (core.screens), where /screens reads it.
"""

from __future__ import annotations

import functools
import logging

import streamlit as st

from components import render
from core import screens, settings

REPORT_SECONDS = 30
KEY = "ordos-screen-report"
_log = logging.getLogger("ordos.screens")


@functools.cache
def _component():
    """The component, registered once per process (its script read once)."""
    return st.components.v2.component("ordos_screen_report", js=render.asset("deck/report.js"))


def _ignore() -> None:
    """The trigger's callback: required to receive it; the fragment reads the value itself."""


@st.fragment
def report(name: str, page: str, lang: str) -> None:
    """Mount the reporter and store what it sent in this run (if it sent anything)."""
    result = _component()(key=KEY, data={"every": REPORT_SECONDS}, height=0, on_report_change=_ignore)
    sent = result.get("report") if result is not None else None
    if sent is None:
        return
    item = screens.report(name, page, lang, sent, settings.app_version())
    if item is None:
        return
    try:
        screens.record(item)
    except Exception as exc:  # a read-only or full disk must never stop the slides: the screen just goes unlisted
        _log.warning("screen report of %r not stored: %s", item.name, exc)
