"""Text as the app shows it: paragraphs, folded lines, wrapped titles, and which script a text is in.

One place for the splitting rules that the pages, the charts, the slides and the phone edition share.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

_CJK = re.compile(r"[\u4e00-\u9fff]")
_TOKEN = re.compile(r"[A-Za-z0-9'\".,:;()&%\-–/]+\s*|\s+|.")


def missing(value) -> bool:
    """None, pandas' NA or NaT, or a float NaN: a cell with nothing in it."""
    if value is None or isinstance(value, str):
        return value is None
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array is not a missing scalar
        return False


def fold(value: str | None) -> str:
    """Every run of whitespace (line breaks included) as one space."""
    return " ".join(str(value or "").split())


def paragraphs(text: str | None) -> list[str]:
    """The paragraphs of a body text (separated by blank lines), each with its line breaks folded."""
    if missing(text) or not text:
        return []
    blocks = [" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in str(text).split("\n\n")]
    return [block for block in blocks if block]


def first_paragraph(text: str | None) -> str:
    """The first paragraph of a body text, folded ('' for none)."""
    return next(iter(paragraphs(text)), "")


def lines(text: str | None) -> list[str]:
    """Each non-empty line of a text, folded (a program's paragraph as the plan sets it, line by line)."""
    return [" ".join(line.split()) for line in str(text or "").splitlines() if line.strip()]


def display_units(text: str) -> int:
    """How wide a text is in half-width units: a Chinese (wide or full-width) character counts twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_lines(text: str, units: int) -> list[str]:
    """Break a title into lines of at most `units` (CJK characters count twice), at spaces where there are any."""
    out: list[str] = []
    line, size = "", 0
    for token in _TOKEN.findall(text):
        width = display_units(token.rstrip())
        if line and size + width > units:
            out.append(line.rstrip())
            line, size = "", 0
        if line or token.strip():
            line += token
            size += width + (len(token) - len(token.rstrip()))
    if line.strip():
        out.append(line.rstrip())
    return out or [text]


def clip_lines(text: str, units: int, most: int) -> list[str]:
    """At most `most` wrapped lines, the last ending in an ellipsis when the text goes on."""
    wrapped = wrap_lines(text, units)
    return wrapped if len(wrapped) <= most else [*wrapped[: most - 1], wrapped[most - 1].rstrip(" ,;:·") + "…"]


def has_cjk(text: str | None) -> bool:
    """Whether a text holds Chinese characters (it then gets lang="zh" inside an English page)."""
    return bool(_CJK.search(str(text or "")))


def cjk_count(value: str) -> int:
    """How many Chinese characters a text has (tests: an English text shows none outside quotes)."""
    return sum(1 for ch in value if unicodedata.east_asian_width(ch) in "WF" and ch.isalpha())


def lang_attr(lang: str) -> str:
    """The HTML lang attribute of one of the app's languages ('both' leads with Chinese)."""
    return "en" if lang == "en" else "zh-CN"
