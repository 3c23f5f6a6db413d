"""What the district map's shading means: the metrics, their classes and breaks, and the legend that names them.

One set of classes for the interactive map (deck.py), its legend on the Map page and the static picture of the
slides (static.py). Pure: (metric, lang) -> classes, text or rendered markup (templates/maps/legend.html).
"""

from __future__ import annotations

from itertools import pairwise

from markupsafe import Markup

from components.render import macro
from components.theme import MAP_CLASSES, MAP_ZERO
from core import fmt, settings
from core.i18n import t

METRICS = ("investment", "projects")
# Class breaks (lower bounds of the classes above zero). Zero is its own class: "no project names it".
# Investment in 亿元; the gaps between the district totals fall at these round numbers.
BREAKS = {"investment": (400.0, 500.0, 600.0), "projects": (3, 5, 7)}
# Zero first, then the classes light to dark (theme.MAP_CLASSES: readable under white label pills, distinct from Jungar).
COLOURS = (MAP_ZERO, *MAP_CLASSES)


def class_of(value: float, metric: str) -> int:
    """The class index of a district value: 0 for zero (no project names it), then 1 to len(breaks)+1."""
    if not value or value <= 0:
        return 0
    return 1 + sum(value >= b for b in BREAKS[metric])


def _break_text(value: float, metric: str, lang: str) -> str:
    if metric == "projects":
        return fmt.number(value, lang)
    # The legend's unit is 亿元 in Chinese and CNY billion in English (as core.fmt.money_yi writes money).
    return fmt.number(value / 10 if lang == "en" else value, lang)


def legend_classes(metric: str, lang: str) -> list[tuple[str, str]]:
    """(colour, label) for every class of `metric`, zero first; the unit is in `legend_title`."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric: {metric!r}")
    breaks = BREAKS[metric]
    labels = [t("map.class_zero", lang)]
    if metric == "projects":
        labels.append(t("map.class_range", lang, low=_break_text(1, metric, lang), high=_break_text(breaks[0] - 1, metric, lang)))
        for low, high in pairwise(breaks):
            labels.append(t("map.class_range", lang, low=_break_text(low, metric, lang), high=_break_text(high - 1, metric, lang)))
    else:
        labels.append(t("map.class_below", lang, high=_break_text(breaks[0], metric, lang)))
        for low, high in pairwise(breaks):
            labels.append(t("map.class_between", lang, low=_break_text(low, metric, lang), high=_break_text(high, metric, lang)))
    labels.append(t("map.class_above", lang, low=_break_text(breaks[-1], metric, lang)))
    return list(zip(COLOURS, labels, strict=True))


def legend_title(metric: str, lang: str) -> str:
    return t(f"map.legend_{metric}", lang)


def legend_html(metric: str | None, lang: str, *, highlight: bool = True, selected_name: str | None = None) -> Markup:
    """The map's legend: the class swatches with their breaks and unit, then the outlines (Jungar Banner, the
    selected district). Each swatch takes its colour from the stylesheet (class-0 … class-4, jungar, selected)."""
    classes = [label for _, label in legend_classes(metric, lang)] if metric is not None else []
    return macro("maps/legend.html", "legend")(
        title=legend_title(metric, lang) if metric is not None else "",
        classes=classes,
        jungar=t("map.legend_jungar", lang) if highlight else "",
        selected=t("map.legend_selected", lang, name=selected_name) if selected_name else "",
    )


def with_review_no(caption: str, lang: str) -> str:
    """A map's caption followed by the map review number (审图号) when one is set (ORDOS_MAP_REVIEW_NO): published
    maps in China carry one, so every map the app draws shows it."""
    number = settings.map_review_no()
    return f"{caption} {t('app.map_review_no', lang, no=number)}".strip() if number else caption
