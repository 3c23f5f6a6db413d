"""Make a direct link to a page go through app.py's router, even on a freshly started server.

Streamlit still supports its old multipage mode: while no session has called st.navigation yet, a
`pages/` folder next to the main script makes it run `pages/<name>.py` *directly* for /<name>, without
app.py (no page config, no header, no styles, no language switch). The first visitor who arrives by a
QR code at /map would get that bare page, and so would every direct visitor until someone opened the
home page. Each page calls ensure_router() first: in that mode it switches Streamlit to the router and
reruns, so the same URL is served by app.py before anything is drawn.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_router() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
