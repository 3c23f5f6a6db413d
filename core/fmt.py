"""Numbers, shares and amounts of money as each language writes them, with a real locale library (Babel).

The one place for number formats: every page, chart, slide, deck and the phone edition format through here.
"""

from __future__ import annotations

import functools
import math

from babel.numbers import format_decimal as _babel_decimal
from babel.numbers import format_percent as _babel_percent

LOCALES = {"zh": "zh_CN", "en": "en_US"}


# Babel parses the pattern and looks up the locale on every call (~0.1-0.4 ms each; a page formats hundreds of
# numbers on every rerun: bench/). The same numbers come back on every rerun, so the results are cached; the
# value's type is part of the key so that 1, 1.0 and Decimal("1.0") never share an entry.
@functools.lru_cache(maxsize=8192)
def _cached(func, value, kind: type, pattern: str, locale: str) -> str:
    return func(value, format=pattern, locale=locale)


def format_decimal(value, format: str, locale: str) -> str:
    try:
        return _cached(_babel_decimal, value, type(value), format, locale)
    except TypeError:  # an unhashable value: format it uncached
        return _babel_decimal(value, format=format, locale=locale)


def format_percent(value, format: str, locale: str) -> str:
    try:
        return _cached(_babel_percent, value, type(value), format, locale)
    except TypeError:
        return _babel_percent(value, format=format, locale=locale)


def number(value: float | None, lang: str, digits: int | None = None) -> str:
    """A plain number: as precise as the source wrote it unless `digits` is given."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    pattern = "#,##0" if digits == 0 else (f"#,##0.{'0' * digits}" if digits else "#,##0.######")
    return format_decimal(value, format=pattern, locale=LOCALES.get(lang, "zh_CN"))


def percent(share: float | None, lang: str, digits: int = 1) -> str:
    """A share (0–1) as a percentage."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    return format_percent(share, format=f"#,##0.{'0' * digits}%", locale=LOCALES.get(lang, "zh_CN"))


def money_yi(value_yi: float | None, lang: str) -> str:
    """An amount given in 亿元: zh '2,048.463 亿元'; en 'CNY 204.8 billion' / 'CNY 28 million'."""
    if value_yi is None or (isinstance(value_yi, float) and math.isnan(value_yi)):
        return "—"
    if lang != "en":
        return f"{number(value_yi, lang)} 亿元"
    if value_yi >= 1000:
        return f"CNY {number(value_yi / 10, lang, 1)} billion"
    if value_yi >= 10:
        return f"CNY {format_decimal(value_yi / 10, format='#,##0.##', locale=LOCALES['en'])} billion"
    return f"CNY {number(value_yi * 100, lang, None if value_yi * 100 % 1 else 0)} million"


def amount(value_yi: float, lang: str) -> str:
    """An amount in 亿元 at the document's precision: zh '330.27 亿元', en 'CNY 33.027 billion' / 'CNY 71 million'."""
    if lang != "en":
        return f"{number(value_yi, lang)} 亿元"
    if value_yi >= 10:
        return f"CNY {number(round(value_yi / 10, 6), lang)} billion"
    return f"CNY {number(round(value_yi * 100, 6), lang)} million"


def headline_amount(value_yi: float, lang: str) -> str:
    """An amount as a headline writes it: the plan's total rounded (CNY 204.8 billion), any other amount exact."""
    value = round(float(value_yi), 6)
    return money_yi(value, lang) if value >= 1000 else amount(value, lang)


def money_sum(values, lang: str) -> str:
    """The sum of amounts in 亿元 (money_yi), rounded first so that float sums such as 419.26300000000003
    print as the document's 419.263."""
    return money_yi(round(float(sum(values)), 6), lang)


def share_text(share: float, lang: str) -> str:
    """A share of the total; a tiny but non-zero share reads '<0.1%' rather than a misleading '0.0%'."""
    if 0 < share < 0.0005:
        return "<" + percent(0.001, lang)
    return percent(share, lang)


def amount_share(value_yi: float, share: float, lang: str) -> str:
    """'330.27 亿元 · 16.1%'."""
    return f"{amount(value_yi, lang)} · {share_text(share, lang)}"


def signed(value: float, lang: str) -> str:
    """A number with its sign: '+0.99', '−0.26', '±0'."""
    text = number(abs(value), lang)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def signed_percent(value_pct: float | None, lang: str, digits: int = 1) -> str:
    """A change in percent points of the base value, with its sign: '+122.2%', '−12.5%'."""
    if value_pct is None or (isinstance(value_pct, float) and math.isnan(value_pct)):
        return "—"
    text = format_decimal(abs(value_pct), format=f"#,##0.{'0' * digits}", locale=LOCALES.get(lang, "zh_CN"))
    sign = "+" if value_pct > 0 else ("−" if value_pct < 0 else "±")
    return f"{sign}{text}%"
