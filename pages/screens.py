"""Staff only: every exhibition screen that reported in (?screen= on /kiosk and /present), newest report first, a
silent one flagged; it refreshes itself. Opens only with the configured token (?token=…); otherwise a refusal."""

import streamlit as st

from core.routing import ensure_router
from core.state import lang_of
from views import screens as view

ensure_router()

lang = lang_of(st.query_params)
access = view.access(st.query_params.get("token"))
if access != "ok":
    st.html(view.refusal(lang, access))
    st.stop()


@st.fragment(run_every=view.REFRESH_SECONDS)
def listing() -> None:
    st.html(view.status(lang))


listing()
