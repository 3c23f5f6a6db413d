"""Figure cards: a large number, its unit and label, and the source sentence one click away.

The markup is components/templates/parts/cards.html (autoescaped), shared by every front end.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from components.render import macro
from core.text import fold

LONG = 9  # characters of a value from which a card's number is set smaller


@dataclass(frozen=True)
class Card:
    value: str
    label: str
    unit: str = ""
    quote: str | None = None
    source: str | None = None
    accent: str | None = None

    @property
    def long(self) -> bool:
        """'CNY 204.8 billion', '1,000,000+ seedlings': set smaller, so that it stays on one line."""
        return len(self.value) >= LONG

    @property
    def quote_text(self) -> str:
        """The source sentence on one line (the documents break lines inside sentences)."""
        return fold(self.quote)


def cards_html(cards: list[Card], quote_label: str) -> Markup:
    """A responsive grid of figure cards."""
    return macro("parts/cards.html", "cards")(cards, quote_label)


def note_html(text: str) -> Markup:
    return macro("parts/cards.html", "note")(text)


def picture_html(caption: str, missing_label: str) -> Markup:
    """A caption whose picture is not in the source: shown honestly, without a stand-in image."""
    return macro("parts/cards.html", "picture_caption")(caption, missing_label)
