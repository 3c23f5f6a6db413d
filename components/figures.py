"""Turn fact rows into figure cards: the number formatted for the language, with its source sentence."""

from __future__ import annotations

import pandas as pd

from components.cards import Card
from core import fmt
from core.i18n import t

QUALIFIERS = {"more_than": "app.more_than", "about": "app.about", "less_than": "app.less_than"}


def fact_value(row: dict, lang: str) -> str:
    """'48', '100+', '1,000,000+', '2,048.463'… exactly the stated number, with its qualifier."""
    if row["fact_id"] == "plan_total_investment" and lang == "en":
        return fmt.money_yi(row["value"], lang).rsplit(" ", 1)[0]  # 'CNY 204.8' (+ unit 'billion')
    value = fmt.number(row["value"], lang)
    qualifier = row.get("qualifier")
    if qualifier and not pd.isna(qualifier):
        return t(QUALIFIERS[qualifier], lang, value=value)
    return value


def fact_unit(row: dict, lang: str) -> str:
    if row["fact_id"] == "plan_total_investment" and lang == "en":
        return fmt.money_yi(row["value"], lang).rsplit(" ", 1)[1]  # the value above is fmt.money_yi's, in billions
    return row["unit_en"] if lang == "en" else row["unit_zh"]


def fact_cards(facts: pd.DataFrame, lang: str, source_titles: dict[str, str], accent: str | None = None) -> list[Card]:
    """One card per fact row; the quote stays in Chinese (it is the source), the label follows the language."""
    return [
        Card(
            value=fact_value(row, lang),
            unit=fact_unit(row, lang),
            label=row["label_en"] if lang == "en" else row["label_zh"],
            quote=row["quote_zh"],
            source=source_titles.get(row["source_id"]),
            accent=accent,
        )
        for row in facts.to_dict("records")
    ]
