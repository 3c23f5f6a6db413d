"""What a slide holds: texts in both languages (`Bi`), headline figures, a chart or map, a table, notes.

Pure data: the builders (components.slides.build) fill it from the tables, the renderers (components.slides.html
for the kiosk and the presenter, components.slides.pptx for PowerPoint) draw it. A text is held in both
languages, so one slide reads in Chinese, in English, or in both together (lang 'both', for the forum's
international visitors). A chart is a builder called with the language it is drawn in ('zh', 'en' or 'both').
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
import pandas as pd

from components.theme import INK
from core import fmt, progress
from core.i18n import t
from core.text import lang_attr

LANGS = ("zh", "en")  # the languages of the PowerPoint decks
DISPLAY_LANGS = ("zh", "en", "both")  # the kiosk's and the presenter's
NL = "\n"


@dataclass(frozen=True)
class Line:
    """One line of a text as a slide shows it: the text, its HTML lang attribute, and whether it is the English
    line under the Chinese one (lang 'both')."""

    text: str
    lang: str
    second: bool = False


@dataclass(frozen=True)
class Bi:
    """A text in Chinese and English; `bi(lang)` picks one ('both' gives the Chinese, the leading language)."""

    zh: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def lines(self, lang: str) -> tuple[Line, ...]:
        """The text in a slide's language: one line, or with 'both' the Chinese and then the English (unless it
        is empty or the same); nothing for an empty text."""
        if not (self.zh or self.en):
            return ()
        if lang != "both":
            return (Line(self(lang), lang_attr(lang)),)
        zh = Line(self.zh, lang_attr("zh"))
        return (zh,) if not self.en or self.en == self.zh else (zh, Line(self.en, lang_attr("en"), True))


NO_TEXT = Bi("", "")


@dataclass(frozen=True)
class Figure:
    """A headline number: value and unit as the language writes them, its label, the source sentence."""

    value: Bi
    unit: Bi
    label: Bi
    quote_zh: str | None = None
    badge: Bi | None = None  # where a figure comes from, when that is not the slide's own source
    accent: str = INK


@dataclass(frozen=True)
class Chart:
    """A chart or map: `draw(lang)` is the picture as a slide shows it (the slide carries its title, source
    and colour key); `draw(lang, export=True)` stands alone with its own title, source line and key, for
    PNG/SVG files. `data` is what it shows (the CSV); `description` says it in words (alt text)."""

    name: str
    draw: Callable[..., alt.TopLevelMixin]
    data: pd.DataFrame
    description: Bi


@dataclass(frozen=True)
class Table:
    columns: tuple[Bi, ...]
    rows: tuple[tuple[Bi, ...], ...]
    note: Bi | None = None


@dataclass(frozen=True)
class Photo:
    """A story photo (a file of data/photos/, found by core.data.story_photo) with its caption and credit line."""

    path: Path
    caption: Bi
    credit: Bi


@dataclass(frozen=True)
class Slide:
    key: str
    layout: str  # title | figures | chapter | chart | table | closing
    title: Bi
    source: Bi
    kicker: Bi | None = None
    lead: Bi | None = None
    figures: tuple[Figure, ...] = ()
    points: tuple[Bi, ...] = ()
    legend: tuple[tuple[str, Bi], ...] = ()  # (colour, what it stands for) of the chart's colours
    chart: Chart | None = None
    table: Table | None = None
    qr_url: str | None = None
    notes: Bi = field(default=NO_TEXT)  # speaker notes: the full paragraph, the source sentences
    mongolian: str | None = None  # a place's confirmed name in Mongolian script, set vertically beside the Chinese title
    photo: Photo | None = None
    map_note: Bi | None = None  # with a map: its review number (审图号), when the published maps have one


def text(key: str, **values) -> Bi:
    """A UI text of locales/*/slides.toml in both languages; a value may itself be a Bi."""
    return Bi(*(t(f"slides.{key}", lang, **{k: v(lang) if isinstance(v, Bi) else v for k, v in values.items()}) for lang in LANGS))


def both(fn: Callable[[str], str]) -> Bi:
    """A text made for each language by `fn(lang)`."""
    return Bi(fn("zh"), fn("en"))


def column(row: dict, name: str) -> Bi:
    """A table's text column in both languages (`name_zh`, `name_en`)."""
    return Bi(str(row[f"{name}_zh"]), str(row[f"{name}_en"]))


def join(parts: list[Bi], sep: Bi = Bi(NL, NL)) -> Bi:
    """Texts joined per language, empty ones left out."""
    return Bi(sep.zh.join(p.zh for p in parts if p.zh), sep.en.join(p.en for p in parts if p.en))


def money(value_yi: float) -> Bi:
    """An amount at the document's precision; the plan's total as the headline writes it (core.fmt.headline_amount)."""
    return both(lambda lang: fmt.headline_amount(value_yi, lang))


def status_text(state: str) -> Bi:
    """A progress status as an icon and a word ('✓ Achieved', core.progress.label): never a colour alone."""
    return both(lambda lang: progress.label(state, lang))
