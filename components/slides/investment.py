"""The plan's investment on slides: where the projects are (the district map), the largest projects, and the
investment by key action. Pure: tables in, `Slide` out (components.slides.build puts them in the deck)."""

from __future__ import annotations

import pandas as pd

from components.maps.static import district_map
from components.slides import charts
from components.slides.model import Bi, Chart, Slide, both, column, join, money, text
from components.theme import ACTION_COLORS, JUNGAR
from core import fmt
from core.places import JUNGAR_CODE

LARGEST = 8  # projects on the 'largest projects' slide
ITEMS = Bi("；", "; ")  # between the items of a chart's description


def map_slide(tables: dict, src: dict[str, Bi], review: Bi | None = None) -> Slide:
    """Where the projects are: the district map coloured by planned investment (with its review number, 审图号)."""
    districts, projects = tables["districts"], tables["projects"]
    jungar = districts.set_index("district_code").loc[JUNGAR_CODE].to_dict()
    citywide, unplaced = projects[projects["scope"] == "citywide"], projects[projects["scope"] == "unresolved"]
    points = (
        text("map_jungar", n=int(jungar["projects"]), amount=money(jungar["investment_yi"])),
        text("map_citywide", n=len(citywide), amount=money(citywide["investment_yi"].sum())),
        text(
            "map_unplaced",
            n=len(unplaced),
            amount=money(unplaced["investment_yi"].sum()),
            nos=", ".join(str(n) for n in unplaced["project_no"]),
        ),
    )
    ranked = districts.sort_values(["investment_yi", "district_code"], ascending=[False, True]).to_dict("records")
    items = [text("map_desc_item", name=column(r, "name"), amount=money(r["investment_yi"]), n=int(r["projects"])) for r in ranked]
    description = text("map_desc", items=join(items, ITEMS))
    chart = Chart(
        "ordos-districts-investment",
        lambda lang, export=False: charts.titled(
            district_map(districts, lang, metric="investment", size=(640, 640)), lang, text("map_title"), src["plan"], export, review
        ),
        districts[["district_code", "name_zh", "name_en", "projects", "investment_yi"]],
        description,
    )
    return Slide(
        "map",
        "chart",
        text("map_title"),
        src["plan"],
        kicker=text("map_kicker"),
        points=points,
        chart=chart,
        legend=((JUNGAR, text("map_key_jungar")),),
        notes=join([description, *points, *((review,) if review else ())]),
        map_note=review,
    )


def action_key(actions: pd.DataFrame, numbers: list[int]) -> tuple[tuple[str, Bi], ...]:
    """(colour, 'Action 3 · …') of each key action among `numbers`: the bars' colour key."""
    names = actions.set_index("action_no")
    return tuple((ACTION_COLORS[n], text("action_label", no=n, name=column(names.loc[n].to_dict(), "name"))) for n in sorted(set(numbers)))


def _bars(data: pd.DataFrame, number: str, lang: str, key: tuple[tuple[str, Bi], ...] = ()):
    """The bars of `data`, each named '<number> · <name>'."""
    names = [(f"{r[number]} · {r['name_zh']}", f"{r[number]} · {r['name_en']}") for r in data.to_dict("records")]
    return charts.bars_chart(charts.bar_rows(data, names, lang), lang, key=key)


def projects_slide(tables: dict, src: dict[str, Bi]) -> Slide:
    projects = tables["projects"]
    top = projects.sort_values(["investment_yi", "project_no"], ascending=[False, True]).head(LARGEST)
    data = top[["project_no", "action_no", "name_zh", "name_en", "investment_yi", "share"]].reset_index(drop=True)
    first = data.iloc[0].to_dict()
    share = float(data["share"].sum())
    points = (
        text(
            "projects_share",
            n=len(data),
            total=len(projects),
            share=both(lambda lang: fmt.percent(share, lang)),
            amount=money(projects["investment_yi"].sum()),
        ),
        text(
            "projects_first",
            no=int(first["project_no"]),
            name=column(first, "name"),
            amount=money(first["investment_yi"]),
            share=both(lambda lang: fmt.share_text(first["share"], lang)),
        ),
    )
    key = action_key(tables["actions"], data["action_no"].tolist())
    items = [
        text(
            "bar_item",
            name=Bi(f"{r['project_no']} · {r['name_zh']}", f"{r['project_no']} · {r['name_en']}"),
            amount=money(r["investment_yi"]),
            share=both(lambda lang, r=r: fmt.share_text(r["share"], lang)),
        )
        for r in data.to_dict("records")
    ]
    title = text("projects_title", n=len(data))
    chart = Chart(
        "largest-projects",
        lambda lang, export=False: charts.titled(_bars(data, "project_no", lang, key if export else ()), lang, title, src["plan"], export),
        data,
        text("projects_desc", n=len(data), items=join(items, ITEMS)),
    )
    return Slide(
        "projects",
        "chart",
        title,
        src["plan"],
        kicker=text("projects_kicker", total=len(projects)),
        points=points,
        legend=key,
        chart=chart,
        notes=join([chart.description, *points]),
    )


def actions_slide(tables: dict, src: dict[str, Bi]) -> Slide:
    actions = tables["actions"].sort_values(["investment_yi", "action_no"], ascending=[False, True]).reset_index(drop=True)
    data = actions[["action_no", "name_zh", "name_en", "projects", "investment_yi", "share"]]
    first = data.iloc[0].to_dict()
    points = (
        text(
            "actions_first",
            name=column(first, "name"),
            share=both(lambda lang: fmt.percent(first["share"], lang)),
            n=int(first["projects"]),
        ),
        text("actions_count", n=len(data), projects=int(data["projects"].sum()), amount=money(data["investment_yi"].sum())),
    )
    items = [
        text(
            "bar_item",
            name=column(r, "name"),
            amount=money(r["investment_yi"]),
            share=both(lambda lang, r=r: fmt.percent(r["share"], lang)),
        )
        for r in data.to_dict("records")
    ]
    title = text("actions_title")
    chart = Chart(
        "investment-by-key-action",
        lambda lang, export=False: charts.titled(_bars(data, "action_no", lang), lang, title, src["plan"], export),
        data,
        text("actions_desc", items=join(items, ITEMS)),
    )
    return Slide(
        "actions",
        "chart",
        title,
        src["plan"],
        kicker=text("actions_kicker"),
        points=points,
        chart=chart,
        notes=join([chart.description, *points]),
    )
