"""The phone edition's pages: each address's content (edition.contexts) inside the edition's frame.

The frame is what every page has around its content, rendered by components/templates/edition/base.html: the
head (title, description, canonical and hreflang links, Open Graph), the header (brand, language switch,
navigation) and the link to the same view in the interactive app; each kind's template is in edition.site.KINDS.
"""

from __future__ import annotations

from components.render import render
from core import pages, settings
from core.i18n import t
from edition.contexts import BUILDERS
from edition.markup import md
from edition.site import HTML_LANGS, KINDS, OG_LOCALES, SHARE_IMAGE, Address, Link, Page, Site, summary


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
