"""Paths and environment settings of the app, in one place (handed in at start-up, never read by pages)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = Path(os.environ.get("ORDOS_DB", ROOT / "data" / "ordos.duckdb"))
LOCALES = ROOT / "locales"
PHOTOS = ROOT / "data" / "photos"
STATIC = ROOT / "static"
# The address printed on QR codes and slides (the public site), e.g. https://ordos.example.gov.cn
PUBLIC_URL_ENV = "ORDOS_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://localhost:8501"
LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


def public_url() -> str:
    """The public address for QR codes: environment variable first, then Streamlit secrets, then local."""
    if value := os.environ.get(PUBLIC_URL_ENV):
        return value.rstrip("/")
    try:
        import streamlit as st

        value = st.secrets.get("public_url")
    except Exception:  # no secrets file is the normal case on a development machine
        value = None
    return (value or DEFAULT_PUBLIC_URL).rstrip("/")
