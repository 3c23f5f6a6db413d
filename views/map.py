"""The map page: the city-wide figures, lists and descriptions, one district's projects, the legend."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from components.cards import Card, cards_html, note_html
from components.maps import legend, lists
from core import data, fmt, memo, pages
from core.i18n import col, t

SCOPES = ("districts", "citywide", "unresolved")


@dataclass(frozen=True)
class City:
    """What every view of the map page shows, for one language."""

    names: dict[str, str]  # district code -> name in the page's language
    choices: dict[str, str]  # the district picker's options: '' (none selected) and every district
    metrics: dict[str, str]  # metric -> its label
    action_names: dict[int, str]
    n: dict[str, int]  # projects per scope (districts, citywide, unresolved)
    money: dict[str, str]  # their planned investment, as text
    cards: Markup
    counting: str  # how projects are counted (Markdown: its title in bold)
    schematic: Markup  # the note on the map's outlines
    descriptions: dict[str, str]  # metric -> the shaded map in words
    citywide: Markup  # the list of whole-city projects
    unresolved: Markup  # the list of projects the plan does not place


@dataclass(frozen=True)
class District:
    """One district's heading, summary and project list."""

    heading: str
    summary: str | None  # None when no project names it
    list: Markup | None
    empty: str
    citywide: str  # the whole-city projects that also cover it


@memo.per_process
def city(lang: str, addresses: pages.Addresses = pages.APP) -> City:
    """The city-wide parts; the project lists link as `addresses` writes links (the app's by default)."""
    districts, projects, actions = data.districts(), data.projects(), data.actions()
    action_names = dict(zip(actions.action_no, actions[col(lang, "name")], strict=True))
    groups = {scope: projects[projects.scope == scope] for scope in SCOPES}
    money = {scope: fmt.money_sum(group["investment_yi"], lang) for scope, group in groups.items()}
    cards = [Card(str(len(g)), t(f"map.card_{s}", lang, amount=money[s]), t("map.card_unit", lang)) for s, g in groups.items()]
    counting = t(
        "map.counting", lang, n=len(groups["districts"]), sum=fmt.money_sum(districts["investment_yi"], lang), placed=money["districts"]
    )
    names = dict(zip(districts.district_code, districts[col(lang, "name")], strict=True))
    return City(
        names=names,
        choices={"": t("map.district_none", lang), **names},
        metrics={m: t(f"map.metric_{m}", lang) for m in legend.METRICS},
        action_names=action_names,
        n={scope: len(group) for scope, group in groups.items()},
        money=money,
        cards=cards_html(cards, ""),
        counting=f"**{t('map.counting_title', lang)}** {counting}",
        schematic=note_html(t("map.schematic", lang)),
        descriptions={m: lists.description(districts, m, lang) + " " + t("map.map_source", lang) for m in legend.METRICS},
        citywide=lists.project_list_html(groups["citywide"], lang, action_names, place=True, addresses=addresses),
        unresolved=lists.project_list_html(groups["unresolved"], lang, action_names, place=True, addresses=addresses),
    )


@memo.per_process(maxsize=32)
def district(code: str, lang: str, addresses: pages.Addresses = pages.APP) -> District:
    """One district's parts; its project list links as `addresses` writes links."""
    districts, names = data.districts(), city(lang).names
    own, citywide = data.district_projects(code), data.district_citywide_projects(code)
    amount = fmt.money_sum(own["investment_yi"], lang)
    return District(
        heading=lists.bilingual_name(districts[districts.district_code == code].iloc[0].to_dict(), lang),
        summary=t("map.selected_summary", lang, n=len(own), name=names[code], amount=amount) if len(own) else None,
        list=lists.project_list_html(own, lang, city(lang).action_names, addresses=addresses) if len(own) else None,
        empty=t("map.selected_empty", lang, name=names[code]),
        citywide=t("map.selected_citywide", lang, n=len(citywide), name=names[code], amount=fmt.money_sum(citywide["investment_yi"], lang)),
    )


@memo.per_process(maxsize=64)
def legend_html(metric: str, selected: str | None, lang: str) -> Markup:
    """The legend under the map, naming the selected district's outline."""
    return legend.legend_html(metric, lang, selected_name=city(lang).names.get(selected))
