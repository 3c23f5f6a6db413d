"""How a chapter of the story links to the city plan: its curated plan items, the projects located in Jungar
Banner, and the items without a page of their own as a list marked with their key action's colour.

Pure: data in, plain records (or a rendered template) out. Which page opens a subject is core.pages'.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup

from components.render import macro
from components.story.charts import district_projects_data
from core import fmt, pages
from core.i18n import col, t
from core.text import missing

LINK_KINDS = ("action", "program", "project", "indicator")
# Containers keyed 'ordos-wrap…' let their page links wrap (components/assets/streamlit/story.css): plan items
# have long names, and a phone would otherwise cut them off with an ellipsis.
WRAP_KEY = "ordos-wrap"


@dataclass(frozen=True)
class LinkItem:
    """One plan item a chapter relates to: its label and, where the app has a page for it, where it opens."""

    kind: str
    number: int
    label: str
    page: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    action_no: int | None = None
    in_jungar: bool = False


def subject_link(kind: str, ref: object, lang: str) -> tuple[str | None, dict[str, str]]:
    """The page script and query parameters that open a subject ('indicator', 17), or (None, {}) when the app
    has no page for its kind (actions, programs and sources)."""
    if kind not in pages.SUBJECT_PAGE:
        return None, {}
    return pages.PAGES[pages.SUBJECT_PAGE[kind]].script, pages.params(lang, **{kind: ref})


def link_items(links: pd.DataFrame, projects: pd.DataFrame, lang: str, jungar_projects: set[int]) -> dict[str, list[LinkItem]]:
    """A chapter's curated links grouped by kind (actions, programs, projects, indicators), in curated rank order.

    Projects carry their planned investment and say whether their location names Jungar Banner.
    """
    amounts = dict(zip(projects["project_no"], projects["investment_yi"], strict=True))
    groups: dict[str, list[LinkItem]] = {kind: [] for kind in LINK_KINDS}
    for row in links.sort_values(["target_kind", "rank"]).to_dict("records"):
        kind, number = row["target_kind"], int(row["target_no"])
        label = t(f"zhungeer.item_{kind}", lang, no=number, name=row[col(lang, "name")])
        in_jungar = False
        if kind == "project":
            label += f" · {fmt.money_yi(amounts.get(number), lang)}"
            in_jungar = number in jungar_projects
            if in_jungar:
                label += f" · {t('zhungeer.in_jungar', lang)}"
        page, params = subject_link(kind, number, lang)
        action = row.get("action_no")
        action_no = int(action) if kind != "indicator" and not missing(action) else None
        groups.setdefault(kind, []).append(LinkItem(kind, number, label, page, params, action_no, in_jungar))
    return {kind: items for kind, items in groups.items() if items}


def located_items(located: pd.DataFrame, actions: pd.DataFrame, lang: str, linked: set[int]) -> dict[str, list[LinkItem]]:
    """The projects located in Jungar Banner as links: 'named' (its location names the banner) and 'citywide'.

    Each label carries the whole project's planned investment, and says when the chapter links to it.
    """
    named = district_projects_data(located, actions, lang)
    citywide = located[located["basis"] == "all_districts"]
    mark = f" · {t('zhungeer.linked_mark', lang)}"
    out: dict[str, list[LinkItem]] = {"named": [], "citywide": []}
    for r in named.to_dict("records"):
        label = f"{r['row_label']} · {r['amount']}" + (mark if r["project_no"] in linked else "")
        out["named"].append(_project_link(r["project_no"], label, r["action_no"], lang, in_jungar=True))
    for r in citywide.to_dict("records"):
        name = t("zhungeer.item_project", lang, no=r["project_no"], name=r[col(lang, "name")])
        label = f"{name} · {fmt.money_yi(r['investment_yi'], lang)}" + (mark if r["project_no"] in linked else "")
        out["citywide"].append(_project_link(r["project_no"], label, r["action_no"], lang, in_jungar=False))
    return out


def _project_link(number: int, label: str, action_no: int, lang: str, in_jungar: bool) -> LinkItem:
    page, params = subject_link("project", int(number), lang)
    return LinkItem("project", int(number), label, page, params, int(action_no), in_jungar)


def chips_html(items: list[LinkItem]) -> Markup:
    """Actions and programs (which have no page of their own) as a list, each marked with its action colour."""
    return macro("story/links.html", "chips")(items)
