"""Reading the URL: every page's language and selection live in the query string so views can be shared.

Anything unknown or malformed falls back to the page's default, silently (posters and QR codes must
never lead to an error page).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from core import settings

_INT = re.compile(r"^\s*\d{1,6}\s*$")


def lang_of(params: Mapping[str, str], allowed: Iterable[str] = settings.LANGS) -> str:
    value = str(params.get("lang", "")).strip().lower()
    return value if value in tuple(allowed) else settings.DEFAULT_LANG


def int_param(params: Mapping[str, str], name: str, valid: Iterable[int]) -> int | None:
    """The integer `name` if it is one of `valid`, else None (the page's default view)."""
    raw = params.get(name)
    if raw is None or not _INT.match(str(raw)):
        return None
    value = int(str(raw))
    return value if value in set(valid) else None


def choice_param(params: Mapping[str, str], name: str, valid: Iterable[str]) -> str | None:
    raw = params.get(name)
    if raw is None:
        return None
    value = str(raw).strip()
    return value if value in set(valid) else None


# Writing the URL. A widget that selects a view writes its choice back with one of these callbacks
# (on_change=sync_to_url, args=(widget key, parameter name)), so that a reload or a shared link shows it.
# Streamlit's own bind="query-params" is not used: it writes the option's *label* into the URL
# (?indicator=17%20·%20…, ?metric=Planned%20investment), which would change every address of the app.
def sync_to_url(key: str, name: str, default: object = None) -> None:
    """Widget callback: the value of widget `key` becomes URL parameter `name`; nothing chosen (None, '', 0)
    or the `default` view removes the parameter."""
    import streamlit as st

    value = st.session_state.get(key)
    if value is None or value == "" or value == 0 or value == default:
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = str(value)


def sync_single_to_url(key: str, name: str) -> None:
    """Widget callback for a multiselect: exactly one choice is kept in the URL (?action=3), otherwise none."""
    import streamlit as st

    picked = st.session_state.get(key) or []
    if len(picked) == 1:
        st.query_params[name] = str(picked[0])
    else:
        st.query_params.pop(name, None)
