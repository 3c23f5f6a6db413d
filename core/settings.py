"""Paths and environment settings of the app, in one place (handed in at start-up, never read by pages).

A setting comes from its environment variable first, then from `.streamlit/secrets.toml`, then its default.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = Path(os.environ.get("ORDOS_DB", ROOT / "data" / "ordos.duckdb"))
LOCALES = ROOT / "locales"
PHOTOS = Path(os.environ.get("ORDOS_PHOTOS_DIR", ROOT / "data" / "photos"))  # the story photos (data/photos/README.md)
STATIC = ROOT / "static"
# Charts drawn as SVG (components.widgets), kept on disk under the hash of their spec so that replicas and restarts
# draw each once (optional: without it each process draws its charts on first use). systemd: CacheDirectory=ordos.
CHART_CACHE = Path(os.environ["ORDOS_CHART_CACHE"]) if os.environ.get("ORDOS_CHART_CACHE") else None
# The address printed on QR codes and slides (the public site), e.g. https://ordos.example.gov.cn
PUBLIC_URL_ENV = "ORDOS_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://localhost:8501"
# The phone edition's public base address (python -m edition), e.g. https://m.ordos.example.gov.cn
SITE_URL_ENV = "ORDOS_SITE_URL"
LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


def _setting(env: str, secret: str, default: str | None = None) -> str | None:
    """One setting: the environment variable `env`, else `secret` in Streamlit's secrets, else `default`."""
    if value := os.environ.get(env):
        return value
    try:
        import streamlit as st

        value = st.secrets.get(secret)
    except Exception:  # no secrets file is the normal case on a development machine
        value = None
    return str(value) if value else default


def public_url() -> str:
    """The public address for QR codes: environment variable first, then Streamlit secrets, then local."""
    return (_setting(PUBLIC_URL_ENV, "public_url") or DEFAULT_PUBLIC_URL).rstrip("/")


def public_url_set() -> bool:
    """Whether the public address is configured (the phone edition warns when its app links would point at localhost)."""
    return _setting(PUBLIC_URL_ENV, "public_url") is not None


def site_url() -> str | None:
    """The phone edition's public base address (canonical links, Open Graph, sitemap), e.g.
    https://m.ordos.example.gov.cn or https://www.example.gov.cn/ordos: environment first, then secrets; None
    when not set (the edition then writes relative links only and says what it leaves out)."""
    value = _setting(SITE_URL_ENV, "site_url")
    return value.strip().rstrip("/") if value and value.strip() else None


def qr_url() -> str:
    """Where the closing slide's QR code points: ORDOS_QR_URL / `qr_url`; else the phone edition (site_url()), which a
    phone opens in a second; else the app (public_url())."""
    value = _setting("ORDOS_QR_URL", "qr_url")
    return value.strip() if value and value.strip() else (site_url() or public_url())


def screens_db() -> Path:
    """The small store of the exhibition screens' reports (core.screens), shared by every replica on the host."""
    return Path(_setting("ORDOS_SCREENS_DB", "screens_db") or ROOT / "data" / "screens.sqlite")


def screens_token() -> str | None:
    """The token that opens the status page /screens (ORDOS_SCREENS_TOKEN / `screens_token`); None: it stays shut."""
    value = _setting("ORDOS_SCREENS_TOKEN", "screens_token")
    return value.strip() if value and value.strip() else None


def map_review_no() -> str | None:
    """The map review number (审图号) to print with every map, when the published maps have one; None otherwise."""
    value = _setting("ORDOS_MAP_REVIEW_NO", "map_review_no")
    return " ".join(value.split()) if value and value.strip() else None


@functools.cache
def app_version() -> str:
    """The app's version (pyproject.toml) and, in a git checkout, its commit: '0.1.0+85bf98c'."""
    found = re.search(r'^version\s*=\s*"([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    version = found.group(1) if found else "0"
    git = ROOT / ".git"
    try:
        if git.is_file():  # a git worktree: '.git' names its folder, which shares the main checkout's refs
            git = Path(git.read_text().strip().removeprefix("gitdir: "))
            common = git / "commondir"
            refs = (git / common.read_text().strip()).resolve() if common.exists() else git
        else:
            refs = git
        ref = (git / "HEAD").read_text().strip()
        if ref.startswith("ref: "):
            ref_file = refs / ref[5:]
            ref = ref_file.read_text().strip() if ref_file.exists() else _packed_ref(refs, ref[5:])
        return f"{version}+{ref[:7]}" if re.fullmatch(r"[0-9a-f]{40}", ref or "") else version
    except OSError:  # not a git checkout (an image, an archive): the version alone
        return version


def _packed_ref(refs: Path, name: str) -> str:
    packed = refs / "packed-refs"
    if packed.exists():
        for line in packed.read_text().splitlines():
            if line.endswith(" " + name):
                return line.split()[0]
    return ""
