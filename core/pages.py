"""Every page of the app and its address, in one registry: the router (app.py), the header, the links
between pages, the templates' links, the tests and the bench all take pages and addresses from here.

An address is the page's path plus its query string: `?lang=zh|en` on every page, and the selection a
page reads from the URL (`PARAMS`), so that any view can be shared, printed on a poster or put in a QR
code. Pages without the site's frame (the kiosk and the presenter, which also take `?lang=both`, and the staff's
status page of the screens) are `framed=False`: not in the navigation.
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
