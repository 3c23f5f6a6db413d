"""The phone edition's addresses and what every page of a build shares.

An address is one page (its kind, language and selection: a chapter, indicator, project or district), its folder
written by `core.pages.Folders` as the app writes its links; `addresses()` lists every one. `Site` holds what
the pages of one build have in common (how links are written, where the site and the app are, the assets, the
charts), `Page` is a rendered page and `Link` a link as the templates show it. The pages themselves are made by
edition.pages (the frame) from edition.contexts (what each kind of page shows).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core import pages, settings
from core.text import fold
from edition.charts import Charts
from views import indicators as indicator_views
from views import map as map_views
from views import projects as project_views
from views import story

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
OG_LOCALES = {"zh": "zh_CN", "en": "en_US"}
HTML_LANGS = {"zh": "zh-CN", "en": "en"}
DOWNLOADS = "downloads/"  # the public tables, the workbook and the database, shared by both languages
SHARE_IMAGE = "share.png"  # each page's share image, in its own folder


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
    """A link as the templates show it: its label and address, a note beside it, whether it is the page shown,
    its kind ('prev', 'next')."""

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
