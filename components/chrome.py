"""The frame around every public page: header with navigation and language switch, footer, error page.

This is the one component module that calls st.*: it draws the app's frame, not data.
"""

from __future__ import annotations

import contextlib
from html import escape

import streamlit as st
from streamlit.errors import StreamlitAPIException

from components.theme import PAGE_CSS
from core.i18n import t


def style() -> None:
    st.html(PAGE_CSS)


def header(pages: dict[str, st.Page], current: st.Page, lang: str) -> None:
    """Brand, one link per page (keeping the language) and a switch to the other language (keeping the selection)."""
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="ordos-header"):
        st.html(f'<div class="ordos-brand">{escape(t("app.brand", lang))}<small>{escape(t("app.brand_sub", lang))}</small></div>')
        for key, page in pages.items():
            st.page_link(page, label=t(f"nav.{key}", lang), query_params={"lang": lang})
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
