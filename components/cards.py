"""Figure cards: a large number, its unit and label, and the source sentence one click away.

Everything that comes from data is escaped here, so no data or URL value reaches HTML unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

LONG = 9  # characters of a value from which a card's number is set smaller


@dataclass(frozen=True)
class Card:
    value: str
    label: str
    unit: str = ""
    quote: str | None = None
    source: str | None = None
    accent: str | None = None


def cards_html(cards: list[Card], quote_label: str) -> str:
    """A responsive grid of figure cards as one HTML string (every field escaped)."""
    items = []
    for card in cards:
        style = f' style="--accent:{escape(card.accent)}"' if card.accent else ""
        quote = ""
        if card.quote:
            source = f'<div class="ordos-source">{escape(card.source)}</div>' if card.source else ""
            quote = (
                f"<details><summary>{escape(quote_label)}</summary>"
                f"<blockquote>{escape(' '.join(card.quote.split()))}</blockquote>{source}</details>"
            )
        unit = f'<span class="u">{escape(card.unit)}</span>' if card.unit else ""
        size = " long" if len(card.value) >= LONG else ""  # 'CNY 204.8 billion', '1,000,000+ seedlings' on one line
        items.append(
            f'<div class="ordos-card{size}"{style}><div class="v">{escape(card.value)}{unit}</div>'
            f'<div class="l">{escape(card.label)}</div>{quote}</div>'
        )
    return f'<div class="ordos-cards">{"".join(items)}</div>'


def note_html(text: str) -> str:
    return f'<div class="ordos-note">{escape(text)}</div>'


def picture_html(caption: str, missing_label: str) -> str:
    """A caption whose picture is not in the source: shown honestly, without a stand-in image."""
    return f'<div class="ordos-picture" role="note"><strong>{escape(caption)}</strong>{escape(missing_label)}</div>'
