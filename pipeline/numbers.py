"""Numbers as the documents write them: digits, comparators, ratios and Chinese numerals."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pipeline.errors import BuildError

# Comparators as the documents write them. 以上 and 以下 include the bound in official usage (GB/T 1.1:
# "以上/以下 include the number itself"): 500公斤以下 is at most 500 kg, ≤, never <.
COMPARATORS = {"＞": ">", ">": ">", "＜": "<", "<": "<", "≥": "≥", "≤": "≤", "⩾": "≥", "⩽": "≤", "以上": "≥", "以下": "≤"}
# Words around a number in a sentence that bound it: before the number (超过99%) or after its unit (85%以上).
WORDS_BEFORE = {"不超过": "≤", "不低于": "≥", "不少于": "≥", "超过": ">", "高于": ">", "低于": "<", "超": ">", "约": "≈"}
WORDS_AFTER = {"以上": "≥", "以下": "≤", "以内": "≤", "左右": "≈", "余": ">"}
_NUMBER = re.compile(r"^(?P<cmp>[＞>＜<≥≤⩾⩽]?)\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<word>以上|以下)?$")
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
        if m["cmp"] and m["word"]:
            raise BuildError(f"{where}: {t!r} has two comparators ({m['cmp']} and {m['word']})")
        sign = m["cmp"] or m["word"]
        return CellValue(t, "number", float(m["num"]), COMPARATORS[sign] if sign else None)
    if m := _RATIO.match(t):
        return CellValue(t, "ratio", float(m["a"]) / float(m["b"]), None)
    if re.search(r"\d", t):
        raise BuildError(f"{where}: {t!r} is not a number (letters or symbols mixed into the digits)")
    return CellValue(t, "text", None, None)


def english_cell(cell: CellValue) -> str:
    """A number cell as English writes it: half-width comparator before the number (＞70 -> >70, 500以下 -> ≤500)."""
    if cell.kind == "text":
        return cell.text
    if cell.kind == "number" and cell.cmp:
        return cell.cmp + _NUMBER.match(cell.text.strip())["num"]
    return unicodedata.normalize("NFKC", cell.text.strip())  # 2.5：1 -> 2.5:1, full-width digits -> digits


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


def numbers_found(quote: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of every number a sentence states, in digits or Chinese numerals, in order."""
    found = [(m.start(), m.end(), float(m[0])) for m in _DIGITS.finditer(quote)]
    for m in _CN_RUN.finditer(quote):
        value = chinese_numeral(m[0])
        if value is not None:
            found.append((m.start(), m.end(), value))
    return sorted(found)


def numbers_stated(quote: str) -> list[float]:
    """Every number a sentence states, in digits or in Chinese numerals, in order of appearance."""
    return [v for _, _, v in numbers_found(quote)]


_UNIT_END = re.compile(r"[、，。；,;：:（(\d]")


def comparator_stated(quote: str, pick: int = 0) -> str | None:
    """The bound that the sentence puts on its `pick`-th number: '≥' for 85%以上 or 240个以上, '≤' for 500公斤以下,
    '>' for 超过99% or 超百万 or 60余项, '≈' for 50个左右; None for a plain number (达到92%)."""
    numbers = numbers_found(quote)
    start, end, _ = numbers[pick]
    before = quote[:start]
    for word, sign in WORDS_BEFORE.items():
        if before.endswith(word):
            return sign
    after = quote[end:]
    cut = _UNIT_END.search(after)
    after = after[: cut.start()] if cut else after  # the number's unit, up to the next separator or number
    for word, sign in WORDS_AFTER.items():
        if word in after:
            return sign
    return None
