"""The district map in words: the districts' names, a text description of the shaded map, and project lists
that link to the Projects page. Pure: (rows, lang) -> text or rendered markup (templates/maps/projects.html)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from components.render import macro
from components.theme import ACTION_COLORS
from core import fmt, pages
from core.i18n import col, t
from core.text import fold


def district_name(row: dict, lang: str) -> str:
    """The district's name in the page language."""
    return row[col(lang, "name")]


def bilingual_name(row: dict, lang: str) -> str:
    """zh: '准格尔旗 Jungar Banner'; en: 'Jungar Banner (准格尔旗)' (a Chinese proper name may follow in parentheses)."""
    return f"{row['name_en']} ({row['name_zh']})" if lang == "en" else f"{row['name_zh']} {row['name_en']}"


def description(districts: pd.DataFrame, metric: str, lang: str) -> str:
    """A text description of the shaded map: every district with its value, largest first."""
    key = "investment_yi" if metric == "investment" else "projects"
    ranked = districts.sort_values([key, "district_code"], ascending=[False, True]).to_dict("records")
    values = [
        t(
            "map.desc_item",
            lang,
            name=district_name(r, lang),
            projects=fmt.number(r["projects"], lang),
            amount=fmt.money_yi(r["investment_yi"], lang),
        )
        if r["projects"]
        else t("map.desc_item_zero", lang, name=district_name(r, lang))
        for r in ranked
    ]
    return t(f"map.desc_{metric}", lang, items=t("map.desc_sep", lang).join(values))


@dataclass(frozen=True)
class Item:
    """One project in a list."""

    no: int
    name: str
    href: str  # the project's detail on the Projects page
    amount: str
    action: str  # its key action, named
    swatch: str  # the class that gives the swatch its action's colour ('' for the muted default)
    where: str = ""  # the location as the plan writes it


def project_list_html(
    projects: pd.DataFrame, lang: str, action_names: dict[int, str], *, place: bool = False, addresses: pages.Addresses = pages.APP
) -> Markup:
    """Projects as a list: number and name (linked to the Projects page), amount, and the key action
    with its colour swatch (the name is written out, so colour is not the only cue).

    With `place`, each item also shows the location as the plan writes it. Links are written by `addresses`
    (the app's by default).
    """
    items = []
    for row in projects.to_dict("records"):
        no, action = int(row["project_no"]), int(row["action_no"])
        items.append(
            Item(
                no=no,
                name=row[col(lang, "name")],
                href=addresses.href("projects", lang, project=no),
                amount=fmt.money_yi(row["investment_yi"], lang),
                action=action_names.get(action, str(action)),
                swatch=f"action-{action}" if action in ACTION_COLORS else "",
                where=fold(str(row[col(lang, "location")])) if place else "",
            )
        )
    return macro("maps/projects.html", "project_list")(items)
