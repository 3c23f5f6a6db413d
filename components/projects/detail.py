"""One project in detail: its card (key action and program, facts, content, how each place of its location
resolves), the districts the map counts it in, its data notes and the program's paragraph.

Pure: (project row, lang, ...) -> text or rendered markup (components/templates/projects/detail.html,
autoescaped); no st.* here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from components.projects.labels import row_label
from components.render import macro
from components.theme import ACTION_COLORS
from core import fmt
from core.i18n import col, t
from core.text import fold, lines

TEMPLATE = "projects/detail.html"
RULES = ("named", "gazetteer", "all_districts", "citywide_unspecified", "institution", "unresolved")
MAPPED = ("named", "gazetteer", "all_districts")  # the rules that place a project on the map
_CJK_RUN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]+")


@dataclass(frozen=True)
class Chip:
    text: str
    kind: str = ""  # 'action-3' takes that action's colour; '' the muted edge of a program


@dataclass(frozen=True)
class Place:
    name: str
    rule: str  # how the place resolves, in words
    mapped: bool


@dataclass(frozen=True)
class Detail:
    chips: tuple[Chip, ...]
    heading: str
    facts: tuple[tuple[str, str], ...]
    content_title: str
    content: tuple[str, ...]
    where_title: str
    as_written: str  # English only: the location as the plan writes it is quoted
    location_zh: str
    places_intro: str
    places: tuple[Place, ...]


def districts_text(project: dict, district_names: dict[str, str], lang: str) -> str:
    """The districts the map counts the project in, or why it is in none (never a guess)."""
    codes = str(project.get("district_codes") or "").split()
    names = [district_names[c] for c in sorted(district_names) if c in codes]
    if names and len(names) == len(district_names):
        return t("projects.every_district", lang, n=len(names))
    if names:
        return t("projects.list_sep", lang).join(names)
    return t("projects.citywide_no_district" if project.get("scope") == "citywide" else "projects.no_district", lang)


def _place(place: dict, lang: str) -> Place:
    rule = place["rule"] if place["rule"] in RULES else "unresolved"
    return Place(place[col(lang, "place")], t(f"projects.rule_{rule}", lang), rule in MAPPED)


def detail(project: dict, places: pd.DataFrame, lang: str, district_names: dict[str, str] | None = None) -> Detail:
    """What one project's card shows. `district_names` (code -> name in the page's language) adds the districts
    the map counts the project in."""
    action = int(project["action_no"])
    action_chip = t("projects.action_chip", lang, no=project["action_no"], name=project[col(lang, "action_name")])
    program_chip = t("projects.program_chip", lang, no=project["program_no"], name=project[col(lang, "program_name")])
    chips = (Chip(action_chip, f"action-{action}" if action in ACTION_COLORS else ""), Chip(program_chip))
    share = t("projects.share_of_total", lang, share=fmt.share_text(project["share"], lang))
    facts = [
        (t("projects.detail_investment", lang), f"{fmt.amount(project['investment_yi'], lang)} · {share}"),
        (t("projects.col_years", lang), f"{project['start_year']}–{project['end_year']}"),
        (t("projects.col_dept", lang), project["lead_dept_en"] if lang == "en" else project["lead_dept_norm_zh"]),
        (t("projects.col_location", lang), project[col(lang, "location")]),
    ]
    if district_names:
        facts.append((t("projects.detail_districts", lang), districts_text(project, district_names, lang)))
    return Detail(
        chips=chips,
        heading=row_label(project["project_no"], project[col(lang, "name")]),
        facts=tuple((str(key), fold(str(value))) for key, value in facts),
        content_title=t("projects.col_content", lang),
        content=tuple(lines(project[col(lang, "content")])),
        where_title=t("projects.where", lang),
        as_written=t("projects.as_written", lang) if lang == "en" else "",  # a source quote, marked as such
        location_zh="".join(str(project.get("location_zh", "")).split()),
        places_intro=t("projects.places_intro", lang),
        places=tuple(_place(place, lang) for place in places.to_dict("records")),
    )


def detail_html(project: dict, places: pd.DataFrame, lang: str, district_names: dict[str, str] | None = None) -> Markup:
    """One project's card as markup: chips for action and program, the facts, and how each place of its location resolves."""
    return macro(TEMPLATE, "detail")(detail(project, places, lang, district_names))


def paragraph_html(text: str) -> Markup:
    """Source text as paragraphs, one per line (data text is never read as Markdown or HTML)."""
    return macro(TEMPLATE, "paragraphs")(lines(text))


def data_note_html(text: str) -> Markup:
    """A data note; Chinese source wording quoted in an English note is marked lang="zh" (for screen readers)."""
    parts, last = [], 0
    for match in _CJK_RUN.finditer(text):
        parts += [(text[last : match.start()], False), (match.group(), True)]
        last = match.end()
    parts.append((text[last:], False))
    return macro(TEMPLATE, "data_note")([part for part in parts if part[0]])
