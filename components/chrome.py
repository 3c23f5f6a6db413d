"""The frame around every public page: styles, header with navigation and language switch, footer, error page.

This is the one component module besides widgets.py that calls st.*: it draws the app's frame, not data.
"""

from __future__ import annotations

import contextlib

import streamlit as st
from streamlit.errors import StreamlitAPIException

from components.render import macro, style_block
from core import pages
from core.i18n import t


def style() -> None:
    """The app's one stylesheet (every part's styles and the frame's), sent as one element."""
    st.html(style_block("parts", "streamlit"))


def kicker(text: str) -> None:
    """The small line above a page's title."""
    st.html(macro("parts/frame.html", "kicker")(text))


def subtitle(text: str) -> None:
    """A line under the title that is not a heading of its own (headings then go h1, h2, h3 without a gap)."""
    st.html(macro("parts/frame.html", "subtitle")(text))


def header(routes: dict[str, st.Page], current: st.Page, lang: str) -> None:
    """Brand, one link per page (keeping the language) and a switch to the other language (keeping the selection)."""
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="ordos-header"):
        st.html(macro("parts/frame.html", "brand")(lang))
        for key in pages.PUBLIC:
            st.page_link(routes[key], label=t(pages.PAGES[key].title_key, lang), query_params=pages.params(lang))
        # A link to the current page (the language switch, a chapter link) reruns it with the link's query string
        # but leaves the address bar as it was: write the query string back, so a reload or a shared link shows
        # the view the visitor chose.
        with contextlib.suppress(StreamlitAPIException):  # a parameter bound to a widget is the widget's to write
            st.query_params.from_dict(st.query_params.to_dict())
        other = "en" if lang == "zh" else "zh"
        params = {k: v for k, v in st.query_params.to_dict().items() if k != "lang"}
        st.page_link(current, label=t("app.switch_lang", lang), icon=":material/translate:", query_params={**params, "lang": other})


def footer(lang: str) -> None:
    st.divider()
    st.caption(t("app.footer", lang))


def unavailable(lang: str) -> None:
    """Shown instead of any page when the database is missing or unreadable: what happened, what to do."""
    st.title(t("app.unavailable_title", lang))
    st.write(t("app.unavailable_body", lang))
    other = "en" if lang == "zh" else "zh"
    st.caption(f"{t('app.unavailable_title', other)} — {t('app.unavailable_body', other)}")
