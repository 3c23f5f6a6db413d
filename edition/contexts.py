"""What each kind of page of the phone edition shows: its template's context, from the app's own views.

Each page is the app's view model for that view (views/*.py) with its links written by `core.pages.Folders`;
`BUILDERS` gives the context function of each kind (edition.pages puts the result in the edition's frame).
Nothing here computes a figure: every number comes from a view or builder the app uses, formatted by core.fmt,
so the edition and the app say the same. `downloads()` gives the About page's files.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from components.exports import to_csv_bytes
from components.figures import fact_cards
from components.indicators import detail as indicator_detail
from components.indicators.charts import change_view
from components.indicators.trajectory import trajectory_view
from components.maps import lists
from components.maps.static import district_map
from components.projects import charts as project_charts
from components.projects import timeline
from components.projects.detail import detail as project_detail
from components.projects.detail import districts_text
from core import data, fmt, pages, settings
from core.i18n import col, t
from core.text import fold
from edition import share
from edition.charts import LINK_ORIGIN
from edition.site import DOWNLOADS, Address, Link, Site
from views import about, home, story
from views import indicators as indicator_views
from views import map as map_views
from views import projects as project_views

MAP_SIZE = (600, 480)  # the edition's map, drawn without its legend (the page gives it in HTML); scaled to the column


def _home(site: Site, a: Address) -> dict:
    lang, view = a.lang, home.view(a.lang)
    return {
        "view": view,
        "ways": [{"label": w.label, "href": site.folders.target(w.script, pages.params(lang)), "caption": w.caption} for w in view.ways],
        "_heading": t("home.title", lang),
        "_description": t("home.intro", lang),
        "_figure": _headline(lang),
    }


def _locator(site: Site, lang: str) -> Markup:
    """The story's map: Ordos City with Jungar Banner in its tint, each district a link to its page."""

    def make() -> tuple:
        chart = district_map(data.districts(), lang, metric=None, size=MAP_SIZE, links=_district_links(site, lang), legend_beside=False)
        return chart, t("zhungeer.map_alt", lang)

    return site.charts.figure(f"story-locator-{lang}", make, links=True)


def _district_links(site: Site, lang: str) -> dict[str, str]:
    """District code -> its page, as the map's links carry them (replaced by the site's base when drawn)."""
    return {code: LINK_ORIGIN + site.folders.folder("map", lang, code) for code in data.districts()["district_code"]}


def _story(site: Site, a: Address) -> dict:
    lang, first = a.lang, story.view(story.chapter_numbers()[0], a.lang)
    chapters = [
        Link(label, site.folders.href("zhungeer", lang, chapter=n), story.view(n, lang).heading) for n, label in first.labels.items()
    ]
    facts = data.facts("jungar")
    jungar = fact_cards(facts[facts["fact_id"] == home.HIGHLIGHTS[0]], lang, {})
    return {
        "view": first,
        "locator": _locator(site, lang),
        "review": site.map_review,
        "chapters": chapters,
        "_heading": first.title,
        "_description": first.lead.striptags(),
        "_figure": (_with_unit(jungar[0].value, jungar[0].unit, lang), jungar[0].label) if jungar else None,
    }


def _chart(site: Site, name: str, build: Callable[..., tuple], *args) -> Markup:
    """A chart from its builder (`build(*args)` is (chart, data[, description]), the app's own) as a figure, with
    its description as the text alternative (the chart's own when the builder gives none)."""

    def make() -> tuple:
        chart, _, *description = build(*args)
        return chart, description[0] if description else chart.description

    return site.charts.figure(name, make)


def _chapter(site: Site, a: Address) -> dict:
    lang, n = a.lang, int(a.value)
    view = story.view(n, lang)
    target = site.folders.target
    mines = view.mines and _chart(site, f"story-mines-{lang}", view.mines.build, *view.mines.args)
    projects = view.projects_chart and _chart(site, f"story-projects-{lang}", view.projects_chart.build, *view.projects_chart.args)
    facts = data.story_facts(n)
    first = next(iter(fact_cards(facts[facts.topic == "jungar"], lang, {})), None)
    pictures = [_picture(site, picture) for picture in view.pictures]
    return {
        "view": view,
        "chapters": [Link(label, site.folders.href("zhungeer", lang, chapter=c), current=c == n) for c, label in view.labels.items()],
        "pictures": pictures,
        "mines": mines,
        "groups": [
            {"title": g.title, "chips": g.chips, "links": [Link(item.label, target(item.page, item.params)) for item in g.links]}
            for g in view.link_groups
        ],
        "projects_chart": projects,
        "project_lists": [
            {"label": p.label, "links": [Link(item.label, target(item.page, item.params)) for item in p.links]} for p in view.project_lists
        ],
        "step_links": [
            Link(step.label, target(step.page, step.params), kind="prev" if int(step.params["chapter"]) < n else "next")
            for step in view.steps
        ],
        "_heading": view.heading,
        "_description": view.body.striptags(),
        "_figure": (_with_unit(first.value, first.unit, lang), first.label) if first else None,
        "_files": {p["path"]: p["data"] for p in pictures if p["src"]},
    }


def _picture(site: Site, picture: story.Picture) -> dict:
    """A story picture: its photo (copied into the site by the build) or, without one, the caption alone."""
    photo = picture.photo
    if photo is None:
        return {"src": None, "missing": picture.missing}
    name, width, height, jpeg = share.photo(photo)
    path = f"photos/{name}"
    return {"src": site.href(path), "path": path, "data": jpeg, "caption": picture.caption, "width": width, "height": height}


def _indicators(site: Site, a: Address) -> dict:
    lang, folders = a.lang, site.folders
    params = (("lang", lang),)
    n, path, csv = len(indicator_views.rows_by_no()), a.path(folders), f"{t('indicators.file_name', lang)}.csv"
    return {
        "plan_note": indicator_views.plan_note(lang),
        "overview": indicator_views.overview(lang, params, folders),
        "rule_href": folders.href("about", lang) + "#progress",
        "categories": indicator_views.cards(lang, None, None, params, folders),
        "chart": _chart(site, f"indicators-change-{lang}", change_view, *indicator_views.change_inputs(lang, None)),
        "files": [Link(t("edition.csv_indicators", lang, n=n), site.href(path + csv))],
        "_files": {path + csv: indicator_views.table(lang, None).csv},
        "_heading": t("indicators.title", lang),
        "_description": t("indicators.intro", lang),
        "_figure": (str(n), t("edition.share_indicators", lang)),
    }


def _steps(site: Site, key: str, lang: str, numbers: list, current: object, label: Callable[[object], str]) -> list[Link]:
    """Links to the previous and the next item of a page's list (indicators, projects)."""
    i, name = numbers.index(current), pages.PAGES[key].params[0]
    around = [("prev", "edition.previous", i - 1), ("next", "edition.next", i + 1)]
    return [
        Link(t(words, lang, label=label(numbers[j])), site.folders.href(key, lang, **{name: numbers[j]}), kind=kind)
        for kind, words, j in around
        if 0 <= j < len(numbers)
    ]


def _with_unit(value: str, unit: str, lang: str) -> str:
    """A figure and its unit as one line of text ('2.08 tce/10,000 yuan', '2.08吨标煤/万元')."""
    return f"{value}{' ' if lang == 'en' and unit else ''}{unit}"


def _indicator(site: Site, a: Address) -> dict:
    lang, no = a.lang, int(a.value)
    part, numbers = indicator_views.detail(no, lang), sorted(indicator_views.rows_by_no())
    baseline, target = indicator_detail.figures(indicator_views.rows_by_no()[no], lang)[:2]
    zhungeer = pages.PAGES["zhungeer"].script
    return {
        "part": part,
        "chart": part.chart and _chart(site, f"indicator-{no}-{lang}", trajectory_view, *part.chart),
        "chapters": [Link(c.label, site.folders.target(zhungeer, dict(c.params))) for c in part.chapters],
        "back": Link(t("edition.all_indicators", lang, n=len(numbers)), site.folders.href("indicators", lang)),
        "step_links": _steps(site, "indicators", lang, numbers, no, lambda n: indicator_views.labels(lang).indicators[n]),
        "_heading": part.title,
        "_description": " · ".join(f"{f.label}: {_with_unit(f.value, f.unit, lang)}" for f in (baseline, target)),
        "_figure": (f"{baseline.value} → {_with_unit(target.value, target.unit, lang)}", f"{baseline.label} → {target.label}"),
    }


def _projects(site: Site, a: Address) -> dict:
    lang, folders, page = a.lang, site.folders, project_views.page(a.lang)
    projects, programs, actions = data.projects(), data.programs(), data.actions()
    investment = [
        (
            _labelled(t("projects.view_label", lang), t(f"projects.view_{view}", lang), lang),
            _chart(site, f"projects-{view}-{lang}", project_charts.investment_view, view, projects, programs, actions, lang),
        )
        for view in project_charts.VIEWS
    ]
    table = project_views.filtered(lang, project_views.Filters())
    action_names = map_views.city(lang).action_names
    path = a.path(folders)
    return {
        "page": page,
        "largest": project_views.largest(lang, folders),
        "investment": investment,
        "timeline": _chart(site, f"projects-timeline-{lang}", timeline.timeline_view, projects, actions, lang),
        "table_note": table.note,
        "project_list": lists.project_list_html(projects, lang, action_names, place=True, addresses=folders),
        "files": [Link(t("edition.csv_projects", lang, n=len(page.nos)), site.href(path + "ordos-key-projects.csv"))],
        "_files": {path + "ordos-key-projects.csv": to_csv_bytes(table.frame)},
        "_heading": t("projects.title", lang),
        "_description": t("projects.intro", lang),
        "_figure": _headline(lang),
    }


def _labelled(label: str, value: str, lang: str) -> str:
    """'Planned investment by: Key action', '计划投资按：重点行动'."""
    return f"{label}{'：' if lang == 'zh' else ': '}{value}"


def _headline(lang: str) -> tuple[str, str]:
    """The plan's total planned investment, as the home page's first card writes it."""
    card = fact_cards(data.facts("headline").query("fact_id == 'plan_total_investment'"), lang, {})[0]
    return _with_unit(card.value, card.unit, lang), card.label


def _project(site: Site, a: Address) -> dict:
    lang, no, folders = a.lang, int(a.value), site.folders
    shown = project_views.detail(no, lang)
    row = data.projects().set_index("project_no", drop=False).loc[no].to_dict()
    names = map_views.city(lang).names
    codes = str(row.get("district_codes") or "").split()
    numbers = list(project_views.page(lang).nos)
    card = project_detail(row, data.project_places(no), lang)
    heading, (investment, amount) = card.heading, card.facts[0]
    return {
        "detail": shown,
        "heading": heading,
        "districts": [Link(names[code], folders.href("map", lang, district=code)) for code in names if code in codes],
        "no_district": districts_text(row, names, lang),
        "back": Link(t("edition.all_projects", lang, n=len(numbers)), folders.href("projects", lang)),
        "step_links": _steps(site, "projects", lang, numbers, no, lambda n: project_views.page(lang).labels[n]),
        "_heading": heading,
        "_description": f"{heading} · {fmt.amount(row['investment_yi'], lang)} · {fold(str(row[col(lang, 'location')]))}",
        "_figure": (fmt.amount(row["investment_yi"], lang), f"{investment} · {amount.split(' · ', 1)[-1]}"),
    }


def _district_list(site: Site, lang: str, current: str | None = None) -> list[Link]:
    """The districts as links, each with what the map counts in it (as the map's description words it)."""
    out = []
    for row in data.districts().to_dict("records"):
        name, code = lists.district_name(row, lang), str(row["district_code"])
        amount, n = fmt.money_yi(row["investment_yi"], lang), fmt.number(row["projects"], lang)
        label = (
            t("map.desc_item", lang, name=name, projects=n, amount=amount) if row["projects"] else t("map.desc_item_zero", lang, name=name)
        )
        out.append(Link(label, site.folders.href("map", lang, district=code), current=code == current))
    return out


def _map_figure(site: Site, lang: str) -> Markup:
    """The districts shaded by planned investment, each a link to its page (one drawing for the map and district pages)."""

    def make() -> tuple:
        chart = district_map(
            data.districts(), lang, metric="investment", size=MAP_SIZE, links=_district_links(site, lang), legend_beside=False
        )
        return chart, map_views.city(lang).descriptions["investment"]

    return site.charts.figure(f"map-{lang}", make, links=True)


def _map(site: Site, a: Address) -> dict:
    lang = a.lang
    city = map_views.city(lang, site.folders)
    placed = _with_unit(fmt.number(city.n["districts"], lang), t("map.card_unit", lang), lang)
    return {
        "city": city,
        "figure": _map_figure(site, lang),
        "review": site.map_review,
        "legend": map_views.legend_html("investment", None, lang),
        "districts": _district_list(site, lang),
        "n": len(city.names),
        "_heading": t("map.title", lang),
        "_description": t("edition.map_intro", lang, n=len(city.names)),
        "_figure": (placed, t("map.card_districts", lang, amount=city.money["districts"])),
    }


def _district(site: Site, a: Address) -> dict:
    lang, code = a.lang, str(a.value)
    chosen, city = map_views.district(code, lang, site.folders), map_views.city(lang, site.folders)
    own = data.district_projects(code)
    return {
        "chosen": chosen,
        "figure": _map_figure(site, lang),
        "review": site.map_review,
        "legend": map_views.legend_html("investment", code, lang),
        "city": city,
        "districts": _district_list(site, lang, code),
        "n": len(city.names),
        "back": Link(t("edition.all_districts", lang, n=len(city.names)), site.folders.href("map", lang)),
        "_heading": chosen.heading,
        "_description": chosen.summary or chosen.empty,
        "_figure": (fmt.money_sum(own["investment_yi"], lang), chosen.summary) if len(own) else None,
    }


def _about(site: Site, a: Address) -> dict:
    lang, view, target = a.lang, about.view(a.lang), site.folders.target
    kinds = [
        {
            "label": kind.label,
            "open": kind.kind == "contradiction",
            "notes": [
                {"body": note.body, "links": [Link(c.label, target(c.page, c.params)) for c in note.concerns if c.page],
                 "chips": [c.chip for c in note.concerns if not c.page]}
                for note in kind.notes
            ],
        }
        for kind in view.note_kinds
    ]  # fmt: skip
    tables = [Link(table.csv.file_name, site.href(DOWNLOADS + table.csv.file_name), table.caption) for table in view.tables]
    tables.append(Link(t("edition.xlsx_tables", lang), site.href(DOWNLOADS + view.workbook.file_name)))
    return {
        "view": view,
        "kinds": kinds,
        "tables": tables,
        "database": [Link(t("edition.database_file", lang), site.href(DOWNLOADS + view.database.file_name))],
        "_heading": t("about.title", lang),
        "_description": t("about.intro", lang),
    }


def downloads() -> dict[str, bytes]:
    """The About page's files, written once for both languages: a CSV per public table, the workbook, the database."""
    view = about.view(settings.DEFAULT_LANG)
    files = {DOWNLOADS + table.csv.file_name: table.csv.data() for table in view.tables}
    files[DOWNLOADS + view.workbook.file_name] = view.workbook.data()
    files[DOWNLOADS + view.database.file_name] = view.database.data()
    return files


BUILDERS: dict[str, Callable[[Site, Address], dict]] = {  # page kind -> its template's context ('_' keys: for the frame)
    "home": _home,
    "story": _story,
    "chapter": _chapter,
    "indicators": _indicators,
    "indicator": _indicator,
    "projects": _projects,
    "project": _project,
    "map": _map,
    "district": _district,
    "about": _about,
}
