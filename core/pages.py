"""Every page of the app and its address, in one registry: the router (app.py), the header, the links
between pages, the templates' links, the tests and the bench all take pages and addresses from here.

An address is the page's path plus its query string: `?lang=zh|en` on every page, and the selection a
page reads from the URL (`PARAMS`), so that any view can be shared, printed on a poster or put in a QR
code. Pages without the site's frame (the kiosk and the presenter, which also take `?lang=both`, and the staff's
status page of the screens) are `framed=False`: not in the navigation.

Links written into rendered HTML come from an `Addresses` (Datasette's url builder is the model): `APP`, the
app's query strings (the default of every builder and view that writes a link), or `Folders`, the phone
edition's folders (`/en/indicators/17/`), which the edition hands to the same builders and views.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from core import settings


@dataclass(frozen=True)
class Page:
    key: str
    url_path: str  # '' is the home page
    title_key: str  # locales key of its navigation title
    params: tuple[str, ...] = ()  # the URL parameters that select a view of it, besides `lang`
    framed: bool = True  # in the site's frame (header, navigation, footer)

    @property
    def script(self) -> str:
        """The page's script, relative to the project folder (what st.Page and st.page_link take)."""
        return f"pages/{self.key}.py"

    @property
    def path(self) -> str:
        """The page's path on the server: '/', '/indicators'…"""
        return f"/{self.url_path}"


PAGES: dict[str, Page] = {
    page.key: page
    for page in (
        Page("home", "", "nav.home"),
        Page("zhungeer", "zhungeer", "nav.zhungeer", ("chapter",)),
        Page("indicators", "indicators", "nav.indicators", ("indicator", "category")),
        Page("projects", "projects", "nav.projects", ("project", "action", "program")),
        Page("map", "map", "nav.map", ("district", "metric")),
        Page("about", "about", "nav.about"),
        Page("kiosk", "kiosk", "slides.page_kiosk", ("interval", "idle", "screen", "sleep", "theme", "drift"), framed=False),
        Page("present", "present", "slides.page_present", ("slide", "screen", "sleep", "theme", "drift"), framed=False),
        Page("screens", "screens", "screens.page_title", ("token",), framed=False),
    )
}
PUBLIC = tuple(key for key, page in PAGES.items() if page.framed)  # the site's pages, in navigation order
HIDDEN = tuple(key for key, page in PAGES.items() if not page.framed)
# Which page opens a subject of the data (data notes, chapter links): indicators and projects have their own.
SUBJECT_PAGE = {"indicator": "indicators", "project": "projects"}


def params(lang: str, **selection: object) -> dict[str, str]:
    """The query parameters of a view: the language first, then the selection (None leaves a parameter out)."""
    return {"lang": lang, **{name: str(value) for name, value in selection.items() if value is not None}}


def url(key: str, lang: str = settings.DEFAULT_LANG, **selection: object) -> str:
    """The address of a view, from the server's root: url('indicators', 'en', indicator=17) is
    '/indicators?lang=en&indicator=17'."""
    return f"{PAGES[key].path}?{urlencode(params(lang, **selection))}"


def href(key: str, lang: str = settings.DEFAULT_LANG, **selection: object) -> str:
    """The same address relative to the page it is written on (every page sits one level below the root), for
    links in rendered HTML: they keep working when the app is served under a path prefix."""
    path = PAGES[key].url_path or "./"
    return f"{path}?{urlencode(params(lang, **selection))}"


def same_page(current: Mapping[str, str], **changes: object) -> str:
    """A link to another view of the current page, as a relative query string: the current parameters with
    `changes` applied (None removes one). Used for links inside rendered HTML, which stay on their page."""
    merged = {k: str(v) for k, v in current.items()}
    for name, value in changes.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = str(value)
    return "?" + urlencode(merged)


def page_of_script(script: str) -> str:
    """The key of the page whose script is `script` ('pages/indicators.py' -> 'indicators')."""
    return next(key for key, page in PAGES.items() if page.script == script)


@dataclass(frozen=True)
class Addresses:
    """Where a link to a view points, as written in rendered HTML: the app's addresses (query strings relative
    to the page the link is on, exactly `href` and `same_page` above). Hashable, so views cache by it."""

    def href(self, key: str, lang: str, **selection: object) -> str:
        """A link to a view of page `key` from another page."""
        return href(key, lang, **selection)

    def same_page(self, key: str, current: Mapping[str, str], **changes: object) -> str:
        """A link from a view of page `key` (whose parameters are `current`) to another view of it."""
        return same_page(current, **changes)

    def target(self, script: str, query: Mapping[str, str]) -> str:
        """An st.page_link target (a page script and its query parameters) as a link."""
        selection = {name: value for name, value in query.items() if name != "lang"}
        return self.href(page_of_script(script), query.get("lang", settings.DEFAULT_LANG), **selection)


@dataclass(frozen=True)
class Folders(Addresses):
    """The phone edition's addresses: a folder per view, Chinese at the root and English under /en/, the page's
    first parameter as the last folder ('/en/indicators/17/', '/zhungeer/2/', '/map/150622/'), below `base`
    (the site's path on its server, '/' or '/edition/'). Parameters the edition has no page for (an indicator
    category, a map metric) are left out: the link opens the page's whole view."""

    base: str = "/"

    def folder(self, key: str, lang: str, value: object = None) -> str:
        """The path of page `key` in `lang`, with its selection `value` (None: the page itself), relative to the base."""
        parts = [] if lang == settings.DEFAULT_LANG else [lang]
        parts += [PAGES[key].url_path] if PAGES[key].url_path else []
        parts += [] if value is None else [str(value)]
        return "".join(f"{part}/" for part in parts)

    def href(self, key: str, lang: str, **selection: object) -> str:
        page = PAGES[key]
        return self.base + self.folder(key, lang, selection.get(page.params[0]) if page.params else None)

    def same_page(self, key: str, current: Mapping[str, str], **changes: object) -> str:
        merged = {**{k: v for k, v in current.items() if k != "lang"}, **changes}
        return self.href(key, current.get("lang", settings.DEFAULT_LANG), **{k: v for k, v in merged.items() if v is not None})


APP = Addresses()
