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
