"""Numbers as the documents write them: digits, comparators, ratios and Chinese numerals."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.errors import BuildError

COMPARATORS = {"＞": ">", ">": ">", "＜": "<", "<": "<", "≥": "≥", "≤": "≤", "⩾": "≥", "⩽": "≤"}
_NUMBER = re.compile(r"^(?P<cmp>[＞>＜<≥≤⩾⩽]?)\s*(?P<num>\d+(?:\.\d+)?)$")
_RATIO = re.compile(r"^(?P<a>\d+(?:\.\d+)?)\s*[:：]\s*(?P<b>\d+(?:\.\d+)?)$")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_CN_RUN = re.compile(f"[{''.join(_CN_DIGITS)}{''.join(_CN_UNITS)}]+")


@dataclass(frozen=True)
class CellValue:
    """A table cell: the text as written, and what it means as a number if it is one."""

    text: str
    kind: str  # "number", "ratio" or "text"
    value: float | None
    cmp: str | None


def parse_cell(text: str, where: str) -> CellValue:
    """Read a value cell of the indicator table (e.g. `0.81`, `＞70`, `≥99`, `2.5:1`, a text target)."""
    t = text.strip()
    if not t:
        raise BuildError(f"{where}: the cell is empty")
    if m := _NUMBER.match(t):
        return CellValue(t, "number", float(m["num"]), COMPARATORS[m["cmp"]] if m["cmp"] else None)
    if m := _RATIO.match(t):
        return CellValue(t, "ratio", float(m["a"]) / float(m["b"]), None)
    if re.search(r"\d", t):
        raise BuildError(f"{where}: {t!r} is not a number (letters or symbols mixed into the digits)")
    return CellValue(t, "text", None, None)


def parse_number(text: str, where: str) -> float:
    """A plain non-negative decimal such as an investment amount; anything else is an error."""
    t = text.strip()
    if not re.fullmatch(r"\d+(?:\.\d+)?", t):
        raise BuildError(f"{where}: {t!r} is not a number")
    return float(t)


def chinese_numeral(run: str) -> float | None:
    """Value of a run of Chinese numerals such as 一, 三, 四十, 百万; None if it is not one number."""
    total, section, digit = 0, 0, None
    for ch in run:
        if ch in _CN_DIGITS:
            if digit is not None:
                return None  # 五六 (five or six) is a range, not a number
            digit = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            if unit >= 10_000:
                section = (section + (digit or 0)) or 1
                total += section * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
    return float(total + section + (digit or 0))


def numbers_stated(quote: str) -> list[float]:
    """Every number a sentence states, in digits or in Chinese numerals, in order of appearance."""
    found: list[tuple[int, float]] = [(m.start(), float(m[0])) for m in _DIGITS.finditer(quote)]
    for m in _CN_RUN.finditer(quote):
        value = chinese_numeral(m[0])
        if value is not None:
            found.append((m.start(), value))
    return [v for _, v in sorted(found)]
