"""The home page: the headline figures, Jungar Banner's highlights, the ways into the other pages."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from components.cards import cards_html
from components.figures import fact_cards
from components.theme import JUNGAR
from core import data, memo, pages
from core.i18n import t

HIGHLIGHTS = ("jungar_green_mines", "jungar_green_mines_national", "jungar_reclaimed_area", "jungar_seedlings")
EXPLORE = ("zhungeer", "indicators", "projects", "map", "about")


@dataclass(frozen=True)
class Way:
    """A way into another page: its script, link label and one line on what it holds."""

    script: str
    label: str
    caption: str


@dataclass(frozen=True)
class Home:
    headline: Markup  # the plan's headline figures as cards
    highlights: Markup  # Jungar Banner's highlights as cards
    ways: tuple[Way, ...]


def source_titles(lang: str) -> dict[str, str]:
    """How a card names its source document."""
    return {"story": t("app.source_story", lang), "plan": t("app.source_plan", lang)}


@memo.per_process
def view(lang: str) -> Home:
    sources, quote = source_titles(lang), t("app.quote", lang)
    jungar = data.facts("jungar")
    return Home(
        headline=cards_html(fact_cards(data.facts("headline"), lang, sources), quote),
        highlights=cards_html(fact_cards(jungar[jungar["fact_id"].isin(HIGHLIGHTS)], lang, sources, accent=JUNGAR), quote),
        ways=tuple(Way(pages.PAGES[key].script, t(pages.PAGES[key].title_key, lang), t(f"home.explore_{key}", lang)) for key in EXPLORE),
    )
