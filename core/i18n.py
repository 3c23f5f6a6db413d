"""All visible UI text: one folder per language (locales/zh/, locales/en/), one TOML file per page.

Keys are `<file>.<key>`; e.g. locales/en/home.toml key `title` is `home.title`. Both languages must
have the same keys (a test checks it). Data text is not here: tables carry their own _zh/_en columns.
"""

from __future__ import annotations

import tomllib
from functools import cache

from core import settings


@cache
def strings(lang: str) -> dict[str, str]:
    folder = settings.LOCALES / lang
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as fh:
            for key, value in _flatten(tomllib.load(fh)).items():
                found[f"{path.stem}.{key}"] = value
    return found


def _flatten(data: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out |= _flatten(value, f"{prefix}{key}.")
        else:
            out[f"{prefix}{key}"] = str(value)
    return out


def t(key: str, lang: str, **values) -> str:
    """The text of `key` in `lang`, with {placeholders} filled; the key itself if it is missing."""
    text = strings(lang).get(key) or strings(settings.DEFAULT_LANG).get(key) or key
    return text.format(**values) if values else text


def col(lang: str, name: str) -> str:
    """The language column of a bilingual data field, e.g. col('en', 'name') -> 'name_en'."""
    return f"{name}_{'en' if lang == 'en' else 'zh'}"
