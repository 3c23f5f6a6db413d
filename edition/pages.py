"""The phone edition's pages: every address (the app's views, as folders) and what each one shows.

Each page is the app's view model for that view (views/*.py) with its links written by `core.pages.Folders`,
rendered by a template of components/templates/edition/. Nothing here computes a figure: every number comes
from a view or builder the app uses, formatted by core.fmt, so the edition and the app say the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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
from components.render import render
from core import data, fmt, pages, settings
from core.i18n import col, t
from core.text import fold
from edition import share
from edition.charts import LINK_ORIGIN, Charts
from edition.markup import md
from views import about, home, story
from views import indicators as indicator_views
from views import map as map_views
from views import projects as project_views

KINDS = {  # page kind -> (page of core.pages, template)
    "home": ("home", "home"),
    "story": ("zhungeer", "story"),
    "chapter": ("zhungeer", "chapter"),
    "indicators": ("indicators", "indicators"),
    "indicator": ("indicators", "indicator"),
    "projects": ("projects", "projects"),
    "project": ("projects", "project"),
    "map": ("map", "map"),
    "district": ("map", "district"),
    "about": ("about", "about"),
}
MAP_SIZE = (600, 480)  # the edition's map, drawn without its legend (the page gives it in HTML); scaled to the column
OG_LOCALES = {"zh": "zh_CN", "en": "en_US"}
HTML_LANGS = {"zh": "zh-CN", "en": "en"}
DOWNLOADS = "downloads/"  # the public tables, the workbook and the database, shared by both languages


@dataclass(frozen=True)
class Address:
    """One page of the edition: its kind, language and selection (a chapter, indicator, project or district)."""

    kind: str
    lang: str
    value: int | str | None = None

    @property
    def key(self) -> str:
        """Its page in core.pages (the interactive app's page that shows the same view)."""
        return KINDS[self.kind][0]

    @property
    def selection(self) -> dict[str, object]:
        """The URL parameter of the app's view: {'indicator': 17}."""
        return {} if self.value is None else {pages.PAGES[self.key].params[0]: self.value}

    def path(self, folders: pages.Folders) -> str:
        """The folder, relative to the site's base: '' (the Chinese home page), 'en/indicators/17/'."""
        return folders.folder(self.key, self.lang, self.value)

    def other(self) -> Address:
        """The same page in the other language."""
        return Address(self.kind, "en" if self.lang == "zh" else "zh", self.value)


def addresses(langs: tuple[str, ...] = settings.LANGS) -> list[Address]:
    """Every page of the edition, Chinese first, in the order of the app's navigation."""
    chapters = story.chapter_numbers()
    indicators = sorted(indicator_views.rows_by_no())
    projects = project_views.page(settings.DEFAULT_LANG).nos
    districts = list(map_views.city(settings.DEFAULT_LANG).names)
    out = []
    for lang in langs:
        out += [Address("home", lang), Address("story", lang)] + [Address("chapter", lang, n) for n in chapters]
        out += [Address("indicators", lang)] + [Address("indicator", lang, n) for n in indicators]
        out += [Address("projects", lang)] + [Address("project", lang, int(n)) for n in projects]
        out += [Address("map", lang)] + [Address("district", lang, code) for code in districts]
        out += [Address("about", lang)]
    return out


@dataclass(frozen=True)
class Site:
    """What every page of one build shares: how links are written, where the site and the app are, the assets."""

    folders: pages.Folders
    site_url: str | None  # absolute address of the site's base ('https://m.example.gov.cn'), None: not configured
    app_url: str  # the interactive app ('https://ordos.example.gov.cn')
    stylesheet: str  # address of the fingerprinted stylesheet
    favicon: str
    built: str  # when the edition was generated
    map_review: str | None
    charts: Charts

    def absolute(self, path: str) -> str | None:
        """The public address of a file or folder of the site (None without a configured site address)."""
        return f"{self.site_url}/{path}" if self.site_url else None

    def href(self, path: str) -> str:
        """A link inside the site: from the server's root, below the base."""
        return self.folders.base + path

    def app(self, address: Address) -> str:
        """The same view in the interactive app."""
        return self.app_url + pages.url(address.key, address.lang, **address.selection)


@dataclass
class Page:
    """A rendered page: its HTML, what a share shows (title, description, headline figure) and the files it brings."""

    address: Address
    html: str
    title: str
    heading: str
    description: str
    section: str = ""  # the page's section (its navigation title), over the title of its share image
    figure: tuple[str, str] | None = None  # (value with unit, label) for the share image
    files: dict[str, bytes] = field(default_factory=dict)  # path relative to the base -> content (downloads)


@dataclass(frozen=True)
class Link:
    label: str
    href: str
    note: str = ""
    current: bool = False
    kind: str = ""


def summary(text: str, limit: int = 150) -> str:
    """A meta description: the text's first sentences up to `limit` characters (a sentence is never cut if one fits)."""
    text = fold(text)
    if len(text) <= limit:
        return text
    cut = max(text.rfind(mark, 0, limit) for mark in ("。", ". ", "；", "; "))
    return text[: cut + 1].strip() if cut > 40 else text[: limit - 1].rstrip() + "…"


# ----------------------------------------------------------------------------------------------- the pages


def render_page(site: Site, address: Address) -> Page:
    """The page at `address`: its content (by kind), inside the edition's frame."""
    content = BUILDERS[address.kind](site, address)
    lang, folders = address.lang, site.folders
    heading = content.pop("_heading")
    title = heading if address.kind == "home" else f"{heading} · {t('app.brand', lang)}"
    description = summary(content.pop("_description"))
    path = address.path(folders)
    alternates = [
        {"hreflang": HTML_LANGS[a.lang], "href": site.absolute(a.path(folders)) or site.href(a.path(folders))}
        for a in (address, address.other())
    ]
    alternates.sort(key=lambda a: a["hreflang"] != HTML_LANGS["zh"])
    default = next(a["href"] for a in alternates if a["hreflang"] == HTML_LANGS[settings.DEFAULT_LANG])
    meta = {
        "kind": address.kind,
        "district": address.value if address.kind == "district" else None,
        "html_lang": HTML_LANGS[lang],
        "title": title,
        "description": description,
        "canonical": site.absolute(path) or site.href(path),
        "alternates": [*alternates, {"hreflang": "x-default", "href": default}],
        "site_name": t("app.brand", lang),
        "og_locale": OG_LOCALES[lang],
        "og_locale_other": OG_LOCALES[address.other().lang],
        "og_url": site.absolute(path),
        "image": site.absolute(path + SHARE_IMAGE),
        "image_alt": heading,
    }
    other = address.other()
    chrome = {
        "home": folders.href("home", lang),
        "switch": site.href(other.path(folders)),
        "other": other.lang,
        "app": site.app(address),
        "nav": [Link(t(pages.PAGES[key].title_key, lang), folders.href(key, lang), current=key == address.key) for key in pages.PUBLIC],
    }
    files = content.pop("_files", {})
    figure = content.pop("_figure", None)
    html = render(f"edition/{KINDS[address.kind][1]}.html", lang=lang, site=site, meta=meta, chrome=chrome, md=md, **content)
    return Page(address, str(html), title, heading, description, t(pages.PAGES[address.key].title_key, lang), figure, files)


SHARE_IMAGE = "share.png"  # each page's share image, in its own folder


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


BUILDERS: dict[str, Callable[[Site, Address], dict]] = {
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
