"""A chapter's parts: its label on the chapter switch, its figure cards, and the story's prose and source line.

Pure: the markup is components/templates/story/prose.html (autoescaped), styled by assets/parts/story.css.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from markupsafe import Markup

from components.cards import Card
from components.figures import fact_cards
from components.render import macro
from core import fmt
from core.i18n import t
from core.text import paragraphs


def chapter_label(chapter_no: int, lang: str) -> str:
    """Short label of a chapter for the chapter switch ('1 · 产业绿色转型')."""
    return f"{chapter_no} · {t(f'zhungeer.chapter_short_{chapter_no}', lang)}"


def chapter_cards(facts: pd.DataFrame, lang: str, source_titles: dict[str, str], accent: str | None = None) -> list[Card]:
    """Figure cards for a chapter; a rank ('位居…第一') reads as a rank ('第一', 'No. 1'), not as '1 rank'."""
    cards = fact_cards(facts, lang, source_titles, accent=accent)
    for i, row in enumerate(facts.to_dict("records")):
        if row["unit_en"] == "rank":
            value = row["unit_zh"] if lang != "en" else t("zhungeer.rank_value", lang, no=fmt.number(row["value"], lang))
            cards[i] = replace(cards[i], value=value, unit="")
    return cards


def prose_html(text: str | None) -> Markup:
    """Body text as HTML paragraphs (never Markdown: the source's + and * are text, not syntax)."""
    return macro("story/prose.html", "prose")(paragraphs(text))


def source_line_html(text: str) -> Markup:
    """The story's source line, under its lead and its closing."""
    return macro("story/prose.html", "source_line")(text)
